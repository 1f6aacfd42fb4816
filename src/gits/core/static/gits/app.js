// Small behaviours of GITS pages, kept out of the HTML so that the Content-Security-Policy
// can forbid inline scripts.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  // A long piece of work (import, invoice run, pack): show its progress indicator.
  const progressId = (event.submitter && event.submitter.dataset.progress) || form.dataset.progress;
  if (progressId) {
    const indicator = document.getElementById(progressId);
    if (indicator) indicator.hidden = false;
  }
  // A choice that is a place to go (e.g. a municipality): go there instead of submitting.
  if (form.dataset.navigate !== undefined) {
    const choice = form.querySelector("[data-navigate-to]");
    if (choice && choice.value) {
      event.preventDefault();
      window.location = choice.value;
    }
  }
});
