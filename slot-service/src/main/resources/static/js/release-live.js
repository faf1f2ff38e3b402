// Keeps an open release page current: fetches the page again every few seconds and swaps in each region marked
// data-live whose version changed. Without JavaScript the page still works: the "refresh" link reloads it.
(function () {
  'use strict';
  if (!window.fetch || !window.DOMParser || !document.querySelector('[data-live]')) {
    return;
  }
  var interval = parseInt(document.body.getAttribute('data-refresh-ms'), 10) || 3000;
  var notice = document.getElementById('live-auto');
  if (notice) {
    notice.hidden = false;
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    document.querySelectorAll('[data-live]').forEach(function (region) {
      var next = fresh.getElementById(region.id);
      // a region the operator is working in (focus on one of its buttons) waits for the next round
      if (next && next.getAttribute('data-live') !== region.getAttribute('data-live')
          && !region.contains(document.activeElement)) {
        region.innerHTML = next.innerHTML;
        region.setAttribute('data-live', next.getAttribute('data-live'));
      }
    });
  }

  function refresh() {
    fetch(window.location.pathname, {credentials: 'same-origin', cache: 'no-store', headers: {Accept: 'text/html'}})
      .then(function (response) {
        // signed out (redirected to the login page) or an error: keep what is shown, try again later
        return response.ok && !response.redirected ? response.text().then(swap) : null;
      })
      .catch(function () { return null; })
      .then(function () { window.setTimeout(refresh, interval); });
  }

  window.setTimeout(refresh, interval);
})();
