// Progressive enhancement: a print button where JavaScript runs.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
