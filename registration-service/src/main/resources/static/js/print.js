// Shows the print button only where script runs (without it, the browser's own print command does the same).
document.querySelectorAll('#print').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});
