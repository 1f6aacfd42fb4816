// Small behaviours of GITS pages, kept out of the HTML so that the Content-Security-Policy
// can forbid inline scripts.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target;
  // A long piece of work (import, invoice run, pack): show its progress indicator.
  const progressId = (event.submitter && event.submitter.dataset.progress) || form.dataset.progress;
  if (progressId) {
    const indicator = document.getElementById(progressId);
    if (indicator) indicator.hidden = false;
  }
  // A choice that is a place to go (e.g. a municipality): go there instead of submitting.
  if (form.dataset.navigate !== undefined) {
    const choice = form.querySelector("[data-navigate-to]");
    if (choice && choice.value) {
      event.preventDefault();
      window.location = choice.value;
    }
  }
});

// The main menu: on narrow screens folded behind its button (aria-expanded), on wide ones
// always open. Without JavaScript the button stays hidden and the menu is shown.
const narrowScreen = window.matchMedia("(max-width: 48rem)");

function menuList(button) {
  return document.getElementById(button.getAttribute("aria-controls"));
}

function setMenu(button, open) {
  button.setAttribute("aria-expanded", String(open));
  const list = menuList(button);
  if (list) list.hidden = !open;
}

function layoutMenus() {
  document.querySelectorAll("[data-menu-toggle]").forEach((button) => {
    button.hidden = !narrowScreen.matches;
    setMenu(button, !narrowScreen.matches);
  });
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-menu-toggle]");
  if (button) setMenu(button, button.getAttribute("aria-expanded") !== "true");
});

document.addEventListener("keydown", (event) => {
  // Escape in an open folded menu closes it and returns to its button.
  if (event.key !== "Escape" || !narrowScreen.matches) return;
  const nav = event.target.closest && event.target.closest(".main-nav");
  const button = nav && nav.querySelector("[data-menu-toggle]");
  if (button && button.getAttribute("aria-expanded") === "true") {
    setMenu(button, false);
    button.focus();
  }
});

narrowScreen.addEventListener("change", layoutMenus);
layoutMenus();

// A table scrolls inside its own region instead of widening the page (WCAG 1.4.10): tables
// that a template has not wrapped already get a focusable, named region around them.
function tableLabel(table) {
  if (table.caption && table.caption.textContent.trim()) return table.caption.textContent.trim();
  for (let node = table; node && node.tagName !== "MAIN"; node = node.parentElement) {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      const headings = /^H[1-6]$/.test(sibling.tagName)
        ? [sibling]
        : sibling.querySelectorAll("h1, h2, h3, h4, h5, h6");
      const heading = headings[headings.length - 1];
      if (heading && heading.textContent.trim()) return heading.textContent.trim();
    }
  }
  return document.title;
}

function wrapTables(root) {
  (root || document).querySelectorAll("main table").forEach((table) => {
    if (table.closest(".table-scroll")) return;
    const region = document.createElement("div");
    region.className = "table-scroll";
    region.tabIndex = 0;
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", tableLabel(table));
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
  });
}

wrapTables(document);
document.addEventListener("htmx:afterSettle", (event) => wrapTables(event.target));
