// Article Lens webviews: an element carrying data-uri and data-range opens that location when clicked
// or activated from the keyboard. The extension checks every message against the locations it showed.
/* global acquireVsCodeApi */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();

  function target(event) {
    return event.target instanceof Element ? event.target.closest('[data-uri][data-range]') : null;
  }

  function open(element) {
    let range;
    try {
      range = JSON.parse(element.getAttribute('data-range') || 'null');
    } catch {
      return;
    }
    vscode.postMessage({ type: 'open', uri: element.getAttribute('data-uri'), range });
  }

  document.addEventListener('click', (event) => {
    const element = target(event);
    if (element) open(element);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const element = target(event);
    if (!element) return;
    event.preventDefault();
    open(element);
  });
})();
