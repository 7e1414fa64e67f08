// The review queue: accept or reject a linking suggestion through the API with the session.
"use strict";

async function answerSuggestion(button) {
  const id = button.dataset.suggestion;
  const row = document.getElementById(`suggestion-${id}`);
  const result = row.querySelector(".result");
  const meta = document.querySelector('meta[name="csrf-token"]');
  for (const b of row.querySelectorAll("button")) b.disabled = true;
  const response = await fetch(`/api/v1/suggestions/${id}/${button.dataset.answer}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRF-Token": meta ? meta.getAttribute("content") : "" },
  });
  const answer = await response.json();
  if (response.ok) {
    result.textContent = `${answer.answer}: ${answer.message}`;
    row.classList.add("answered");
  } else {
    result.textContent = answer.error ? answer.error.message : `error ${response.status}`;
    for (const b of row.querySelectorAll("button")) b.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("#suggestions button[data-answer]")) {
    button.addEventListener("click", () => answerSuggestion(button));
  }
});
