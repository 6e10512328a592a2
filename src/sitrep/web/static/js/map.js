// Events as clustered points coloured by type over an offline basemap (or tiles, when configured).
"use strict";

(function () {
  const container = document.getElementById("map");
  if (!container || !window.L) {
    return;
  }
  const S = window.Sitrep;
  // Clusters need a maximum zoom; the offline basemap has no tiles to say one.
  const map = L.map(container, { worldCopyJump: true, minZoom: 2, maxZoom: 16 }).setView([34.5, 38.5], 6);

  function addBasemap() {
    if (container.dataset.tiles) {
      L.tileLayer(container.dataset.tiles, { attribution: container.dataset.attribution || "", maxZoom: 18 }).addTo(map);
      return Promise.resolve();
    }
    return S.json(container.dataset.basemap).then((topology) => {
      const countries = topojson.feature(topology, topology.objects.countries);
      const style = { color: "#7b8794", weight: 0.7, fillColor: "#f7f5ef", fillOpacity: 1 };
      L.geoJSON(countries, { style: style, interactive: false }).addTo(map);
      map.attributionControl.addAttribution("Boundaries: Natural Earth via world-atlas");
    });
  }

  function popup(p) {
    const box = S.element("div", null, { class: "popup" });
    box.appendChild(S.element("strong", p.type + (p.date ? " · " + p.date : "")));
    const who = (p.actors || []).join(", ") || "someone";
    const whom = (p.recipients || []).join(", ");
    box.appendChild(S.element("p", who + (whom ? " → " + whom : "")));
    if (p.place) {
      box.appendChild(S.element("p", p.place));
    }
    const link = S.element("a", "Read the article", { href: "/articles/" + encodeURIComponent(p.article_id) });
    box.appendChild(S.element("p")).appendChild(link);
    return box;
  }

  function marker(feature) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const dot = S.element("span", null, { "data-type": p.type });
    const icon = L.divIcon({ className: "event-marker", html: dot, iconSize: [20, 20] });
    const label = p.type + " at " + (p.place || "a place") + (p.date ? " on " + p.date : "");
    return L.marker([lat, lon], { icon: icon, title: label, alt: label, keyboard: true }).bindPopup(popup(p));
  }

  function addEvents() {
    return S.json(container.dataset.events).then((collection) => {
      const clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
      clusters.addLayers(collection.features.map(marker));
      map.addLayer(clusters);
      if (collection.features.length) {
        map.fitBounds(clusters.getBounds(), { maxZoom: 9, padding: [30, 30] });
      }
      container.dataset.markers = String(collection.features.length);
      S.status("map-status", collection.features.length + " located events on the map.");
    });
  }

  S.status("map-status", "Loading events…");
  addBasemap()
    .then(addEvents)
    .catch((error) => S.status("map-status", "The map could not load: " + error));
})();
