// The copy buttons beside secrets shown once (ADR 0030: the one script, same-origin under the CSP): each copies the field it names.
// Without scripts the buttons stay hidden and the read-only field is there to select.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(`${button.dataset.copy}-copie`);
  button.hidden = false;
  field.select();
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = button.dataset.copied;
    } catch {
      status.textContent = "";
    }
  });
}
