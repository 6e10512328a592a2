// Stacked bars of events per period by type, for every <canvas data-timeline="URL">.
"use strict";

(function () {
  const S = window.Sitrep;
  if (!window.Chart) {
    return;
  }

  function draw(canvas, data) {
    const datasets = data.series.map((s) => ({
      label: s.type,
      data: s.counts,
      backgroundColor: S.typeColour(s.type),
    }));
    return new Chart(canvas, {
      type: "bar",
      data: { labels: data.periods, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
  }

  document.querySelectorAll("canvas[data-timeline]").forEach((canvas) => {
    S.json(canvas.dataset.timeline)
      .then((data) => {
        draw(canvas, data);
        canvas.dataset.periods = String(data.periods.length);
      })
      .catch((error) => canvas.setAttribute("aria-label", "The chart could not load: " + error.message));
  });
})();
