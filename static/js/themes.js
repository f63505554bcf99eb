// Themes area: choosing another month on the status form reloads that month's stored status,
// so the user edits what is there instead of running into a conflict. Works without it too.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (input.name !== "period") return;
  const form = input.closest("form[data-month-reload]");
  if (!form || !/^\d{4}-(0[1-9]|1[0-2])$/.test(input.value)) return;
  const url = new URL(form.getAttribute("data-month-reload"), window.location.href);
  url.searchParams.set("maand", input.value);
  window.location.assign(url.toString());
});
