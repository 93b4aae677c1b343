// Dossier, issue 5: Material's search box, answered by Pagefind. Loaded only on sites built with
// search_backend pagefind (overrides/partials/search.html). Pagefind downloads just the index chunks and
// result fragments a query needs, instead of Material's whole search_index.json. Results are rendered
// with Material's own markup (.md-search-result__item / __link / __article) so they look the same.
(function () {
  "use strict";
  const form = document.forms.namedItem("dossier-search");
  const toggle = document.getElementById("__search");
  if (!form || !toggle) return;
  const input = form.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const bundle = new URL(form.dataset.pagefind, document.baseURI);
  const siteRoot = new URL("../", bundle).pathname;
  const SHOWN = 10;
  // A search starts once typing pauses this long, and never while another runs: each one goes through every
  // page the words match (a third of a second for a country named in 7,000 of 10,000 articles, on a desktop),
  // and one per keystroke queued up behind each other ("Kazakhstan" typed fast: ten searches, 3.5 s).
  const QUIET_MS = 150;
  let pagefind = null;
  let timer = 0;
  let running = null; // the search under way
  let again = false; // the query changed while it ran
  let searched = ""; // the query the last search started with

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(async (pf) => {
        await pf.options({ baseUrl: siteRoot, excerptLength: 24 });
        // its WebAssembly and metadata, fetched while the reader types (a failure shows when a search runs)
        Promise.resolve(pf.init()).catch(() => {});
        return pf;
      });
    }
    return pagefind;
  }

  function count(n) {
    if (n === 0) return form.dataset.none;
    if (n === 1) return form.dataset.one;
    return form.dataset.other.replace("#", String(n));
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    a.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: escaped page text with <mark> around the hits
    article.append(icon, title, excerpt);
    a.append(article);
    li.append(a);
    return li;
  }

  // one search at a time (see run): each shows its results, and a later query gets a search of its own
  async function search(query) {
    if (!query) {
      list.replaceChildren();
      meta.textContent = form.dataset.none;
      return;
    }
    const pf = await load();
    const found = await pf.search(query);
    if (!found) return;
    const shown = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
    meta.textContent = count(found.results.length);
    list.replaceChildren(...shown.map(item));
  }

  // the query is searched once typing pauses, one search at a time; when one ends, the box is searched again
  // if its query changed meanwhile
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, QUIET_MS);
    const query = input.value.trim();
    // the index chunks the words need, fetched meanwhile (a failure shows when the search itself runs)
    if (query) load().then((pf) => pf.preload(query)).catch(() => {});
  }

  async function run() {
    clearTimeout(timer);
    timer = 0;
    if (running) {
      again = true;
      return;
    }
    searched = input.value.trim();
    running = search(searched);
    try {
      await running;
    } finally {
      running = null;
      if (again) {
        again = false;
        run();
      }
    }
  }

  // the list brought up to date with the box now, without waiting for a pause (Enter right after typing)
  async function settle() {
    if (timer || input.value.trim() !== searched) run();
    while (running) await running;
  }

  function links() {
    return Array.from(list.querySelectorAll(".md-search-result__link"));
  }

  input.addEventListener("focus", () => {
    toggle.checked = true;
    load();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  input.addEventListener("input", schedule);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => { run(); input.focus(); }, 0));
  document.addEventListener("keydown", (event) => {
    if (!toggle.checked) return;
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      settle().then(() => {
        const first = links()[0];
        if (first) first.click();
      });
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      const next = event.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : at - 1;
      (next < 0 ? input : all[next]).focus();
    }
  });
})();
