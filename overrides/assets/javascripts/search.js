// The search page (overrides/search.html): the results of the query in ?q= and of what is typed in
// the form under the header, from Pagefind's API on the page's own thread. The query's search starts
// as soon as this module is loaded, while the page is still parsing; Pagefind's UI waits for its own
// script and a 300 ms debounce, and its worker for another script, before the first result
// (docs/search.md). What is typed is searched once typing pauses, as Pagefind's UI does.
import * as pagefind from "../../pagefind/pagefind.js";

const PAGE = 5; // results listed at a time, once the fragments (title, excerpt) of all five are in
const PAUSE = 300; // ms without typing before what is typed is searched
const query = new URLSearchParams(location.search).get("q") ?? "";

async function find(text, pause = 0) {
  if (!text.trim()) return [];
  const found = await (pause ? pagefind.debouncedSearch(text, {}, pause) : pagefind.search(text));
  if (!found) return null; // superseded by what was typed next
  found.results.slice(0, PAGE).forEach((result) => result.data()); // the first fragments, fetched at once
  return found.results;
}

await pagefind.options({ baseUrl: new URL("../../", import.meta.url).pathname, noWorker: true });
const first = find(query);
if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

const form = document.querySelector(".site-search__form");
const input = form.elements.q;
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const more = document.querySelector(".search-more");
let results = [];
let latest = 0;

async function show(text, finding) {
  const id = ++latest;
  let found;
  try {
    found = await finding;
  } catch (error) {
    status.textContent = "Search could not load its index (it needs the site served over HTTP).";
    throw error;
  }
  if (id !== latest || !found) return; // a newer query was typed meanwhile
  results = found;
  list.replaceChildren();
  status.textContent = !text.trim() ? ""
    : `${found.length || "No"} result${found.length === 1 ? "" : "s"} for “${text}”`;
  await showMore();
}

async function showMore() {
  const id = latest;
  more.disabled = true;
  const next = results.slice(list.children.length, list.children.length + PAGE);
  const pages = await Promise.all(next.map((result) => result.data())); // listed together, in order
  if (id !== latest) return;
  list.append(...pages.map(item));
  more.hidden = list.children.length >= results.length;
  more.disabled = false;
}

function item(page) {
  const entry = document.createElement("li");
  entry.className = "search-results__item";
  const link = Object.assign(document.createElement("a"),
    { className: "search-results__link", href: page.url, textContent: page.meta.title });
  const excerpt = Object.assign(document.createElement("p"), { className: "search-results__excerpt" });
  excerpt.innerHTML = page.excerpt; // the page's text with < and > escaped, the words found in <mark>
  entry.append(link, excerpt);
  return entry;
}

input.value = query;
show(query, first);
input.addEventListener("input", () => {
  history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
  show(input.value, find(input.value, PAUSE));
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  show(input.value, find(input.value));
});
more.addEventListener("click", showMore);
