// Helpers shared by the map, timeline and network scripts. Loaded as a plain script (no inline code).
"use strict";

window.Sitrep = {
  // Colours are defined once, in app.css, as --type-TYPE variables.
  cssVar(name, fallback) {
    const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  },

  typeColour(type) {
    return this.cssVar("--type-" + type, this.cssVar("--mixed", "#8a94a6"));
  },

  async json(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      throw new Error(url + " answered " + response.status);
    }
    return response.json();
  },

  // Element built with text content only: data from articles never goes through innerHTML.
  element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    return node;
  },

  status(id, text) {
    const node = document.getElementById(id);
    if (node) {
      node.textContent = text;
    }
  },
};
