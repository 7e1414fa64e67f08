// The incident page: record the delegation's position through the API with the session cookie.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute("content") : "";
}

async function sendPosition(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const result = document.getElementById("position-result");
  const incident = form.dataset.incident;
  const body = {
    position: form.elements.position.value,
    reason: form.elements.reason.value,
    expected_version: Number(form.elements.expected_version.value),
  };
  result.textContent = "Saving…";
  const response = await fetch(`/api/v1/incidents/${incident}/positions`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    result.textContent = `Not recorded: ${answer.error ? answer.error.message : response.status}`;
    return;
  }
  // textContent only: nothing from the server is ever parsed as HTML.
  document.getElementById("incident-status").textContent = answer.status;
  document.getElementById("incident-version").textContent = String(answer.version);
  form.elements.expected_version.value = String(answer.version);
  const mine = answer.positions.current;
  for (const row of document.querySelectorAll("#current-positions tr")) {
    const stated = mine[row.dataset.delegation];
    if (!stated) continue;
    row.replaceChildren();
    for (const text of [row.dataset.delegation, stated.position, stated.reason,
      stated.recorded_by, stated.recorded_at.slice(0, 19)]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.appendChild(cell);
    }
  }
  result.textContent = `Recorded. The incident is now ${answer.status}.`;
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("position-form");
  if (form) form.addEventListener("submit", sendPosition);
});
