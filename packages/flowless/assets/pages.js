// Flowless hosted pages: small progressive enhancement. Every form works without it.
// - Buttons with data-confirm ask before submitting.
// - Forms disable their submit button while submitting, so a double click sends once.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = event.submitter?.dataset.confirm ?? form.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  if (event.submitter instanceof HTMLButtonElement) {
    const button = event.submitter;
    setTimeout(() => {
      button.disabled = true;
    }, 0);
  }
});
