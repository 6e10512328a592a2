// Who acts on whom: actors as nodes, edges weighted by events and coloured cooperation against conflict.
"use strict";

(function () {
  const container = document.getElementById("network");
  if (!container || !window.cytoscape) {
    return;
  }
  const S = window.Sitrep;

  function elements(data) {
    const nodes = data.nodes.map((n) => ({ data: { id: n.id, label: n.name, weight: n.events } }));
    const edges = data.edges.map((e, i) => ({
      data: { id: "edge" + i, source: e.source, target: e.target, weight: e.events, tone: e.tone },
    }));
    return nodes.concat(edges);
  }

  function style(data) {
    const heaviestNode = Math.max(1, ...data.nodes.map((n) => n.events));
    const heaviestEdge = Math.max(1, ...data.edges.map((e) => e.events));
    const scale = (value, most, low, high) => low + ((high - low) * value) / most;
    return [
      {
        selector: "node",
        style: {
          label: "data(label)",
          width: (n) => scale(n.data("weight"), heaviestNode, 14, 46),
          height: (n) => scale(n.data("weight"), heaviestNode, 14, 46),
          "background-color": S.cssVar("--accent", "#1e3a5f"),
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "wrap",
          "text-max-width": 120,
        },
      },
      {
        selector: "edge",
        style: {
          width: (e) => scale(e.data("weight"), heaviestEdge, 1, 10),
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "line-color": S.cssVar("--mixed", "#8a94a6"),
          "target-arrow-color": S.cssVar("--mixed", "#8a94a6"),
          opacity: 0.85,
        },
      },
      ...["cooperation", "conflict"].map((tone) => ({
        selector: 'edge[tone = "' + tone + '"]',
        style: { "line-color": S.cssVar("--" + tone), "target-arrow-color": S.cssVar("--" + tone) },
      })),
    ];
  }

  S.json(container.dataset.network)
    .then((data) => {
      if (!data.nodes.length) {
        S.status("network-status", "No edges to draw for these filters.");
        return;
      }
      const graph = cytoscape({
        container: container,
        elements: elements(data),
        style: style(data),
        layout: { name: "cose", animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 },
        maxZoom: 1.5, // a small graph would otherwise fill the box with giant labels
      });
      graph.on("tap", "node", (event) => {
        window.location.href = "/actors/" + encodeURIComponent(event.target.id());
      });
      container.dataset.nodes = String(data.nodes.length);
      container.dataset.edges = String(data.edges.length);
      S.status("network-status", data.nodes.length + " actors and " + data.edges.length + " edges drawn; select an actor to open its page.");
    })
    .catch((error) => S.status("network-status", "The network could not load: " + error.message));
})();
