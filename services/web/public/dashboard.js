// Draws the dashboard's charts with Chart.js from the JSON block each canvas names
// (data-chart): the CSP allows scripts from 'self' only, so no data is written into a script.
// The canvases are aria-hidden: the table beside each holds the same figures for screen readers.
(() => {
  const palette = ['#0059b3', '#b51d09', '#358000', '#7d3c98', '#b07d00', '#00727f', '#595959', '#c2185b'];
  // Lines differ by dash and point shape as well as colour (never colour alone).
  const dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1], [8, 8], [4, 2, 1, 2], [12, 2]];
  const points = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'cross', 'crossRot', 'line'];
  const danish = document.documentElement.lang === 'da';
  const number = new Intl.NumberFormat(danish ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || !window.Chart) return;
    const data = JSON.parse(source.textContent);
    const line = data.type === 'line';
    // The page writes the unit in the reader's language ("83,3 %" in Danish, "83.3%" in English).
    const suffix = typeof data.suffix === 'string' ? data.suffix : '';
    const markDrawn = { id: 'drawn', afterRender: () => (canvas.dataset.drawn = 'true') };
    new window.Chart(canvas, {
      type: data.type,
      data: {
        labels: data.labels,
        datasets: data.datasets.map((d, i) => ({
          label: d.label,
          data: d.data,
          borderColor: palette[i % palette.length],
          backgroundColor: palette[i % palette.length],
          borderDash: line ? dashes[i % dashes.length] : undefined,
          pointStyle: line ? points[i % points.length] : undefined,
          pointRadius: line ? 4 : undefined,
          spanGaps: false,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: danish ? 'da-DK' : 'en-GB',
        plugins: {
          legend: { display: line || data.datasets.length > 1, labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: (ctx) => `${ctx.dataset.label}: ${ctx.parsed.y === null ? '–' : `${number.format(ctx.parsed.y)}${suffix}`}`,
            },
          },
        },
        scales: {
          y: {
            beginAtZero: true,
            ...(data.percent ? { suggestedMax: 100 } : {}),
            // Counts are whole numbers: no tick at half an order.
            ticks: { precision: data.percent ? undefined : 0, callback: (v) => `${number.format(v)}${suffix}` },
          },
        },
      },
      plugins: [markDrawn],
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const canvas of document.querySelectorAll('canvas[data-chart]')) draw(canvas);
  });
})();
