// The pay page: Stripe.js turns the card into a token in the browser; the
// server charges the amount the ledger says is outstanding and answers JSON.
(function () {
  "use strict";
  const form = document.getElementById("pay-form");
  if (!form) return;
  const button = document.getElementById("pay-button");
  const errors = document.getElementById("pay-errors");
  const label = button.textContent;

  function showError(message) {
    errors.textContent = message || form.dataset.errorGeneric;
    errors.hidden = false;
    button.disabled = false;
    button.textContent = label;
    errors.focus && errors.setAttribute("tabindex", "-1");
    errors.focus();
  }

  const script = document.createElement("script");
  script.src = form.dataset.stripeJs;
  script.onload = function () {
    const stripe = window.Stripe(form.dataset.publishableKey);
    const card = stripe.elements().create("card");
    card.mount("#card-element");
    button.disabled = false;

    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      errors.hidden = true;
      button.disabled = true;
      button.textContent = form.dataset.working;
      const result = await stripe.createToken(card);
      if (result.error) {
        showError(result.error.message);
        return;
      }
      const body = new FormData(form);
      body.append("stripe_token", result.token.id);
      let answer;
      try {
        const response = await fetch(window.location.pathname, {
          method: "POST",
          body: body,
          headers: { "X-Requested-With": "fetch" },
          credentials: "same-origin",
        });
        answer = await response.json();
      } catch (error) {
        showError();
        return;
      }
      if (answer.error && answer.status !== "requires_action") {
        showError(answer.error);
        return;
      }
      if (answer.status === "requires_action") {
        const confirmation = await stripe.confirmCardPayment(answer.client_secret);
        if (confirmation.error) {
          showError(confirmation.error.message);
          return;
        }
      }
      window.location.assign(answer.redirect);
    });
  };
  script.onerror = function () { showError(); };
  document.head.appendChild(script);
})();
