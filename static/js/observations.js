// Quick observations: type to filter the list of partners (step 1).
(() => {
  document.querySelectorAll("input.obs-filter").forEach((input) => {
    const list = document.querySelector(input.dataset.filter);
    if (!list) return;
    input.hidden = false;
    input.addEventListener("input", () => {
      const query = input.value.trim().toLowerCase();
      list.querySelectorAll("li[data-name]").forEach((item) => {
        item.hidden = query !== "" && !item.dataset.name.includes(query);
      });
    });
  });
})();
