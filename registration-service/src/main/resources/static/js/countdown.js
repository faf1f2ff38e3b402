/*
 * Progressive enhancement of the status page: the time left to answer an offer counts down. The page says the
 * deadline without this script; the text updates at most once a minute, so screen readers (aria-live="polite")
 * are not flooded.
 */
(function () {
  'use strict';
  var element = document.getElementById('countdown');
  if (!element) {
    return;
  }
  var deadline = Date.parse(element.getAttribute('data-deadline'));
  var minutesText = element.getAttribute('data-minutes');
  var lastMinuteText = element.getAttribute('data-last-minute');
  var overText = element.getAttribute('data-over');
  var shown = null;

  function update() {
    var left = deadline - Date.now();
    var text;
    if (left <= 0) {
      text = overText;
    } else if (left < 60000) {
      text = lastMinuteText;
    } else {
      text = minutesText.replace('{0}', String(Math.floor(left / 60000)));
    }
    if (text !== shown) {
      element.textContent = text;
      shown = text;
    }
    if (left > 0) {
      window.setTimeout(update, Math.min(left, 5000));
    }
  }

  update();
}());
