// Draws the charts of a page with ECharts. Each chart is a
// <div class="chart" data-chart="bar|histogram" data-src="/api/..."> whose
// data comes from the server's JSON endpoint; the page's tables say the same
// without JavaScript, so a failure here only leaves the chart out.
(function () {
  'use strict';
  // "共青团固原市西吉县委员会" → "固原市西吉县": the axis has little room.
  function shortName(name) {
    return name.replace(/^共青团/, '').replace(/(委员会|工作委员会)$/, '');
  }
  function barOption(data) {
    if (data.children) {
      return {
        title: { text: data.title, textStyle: { fontSize: 14 } },
        tooltip: {}, grid: { left: 50, right: 20, top: 40, bottom: 110 },
        xAxis: { type: 'category', data: data.children.map(function (c) { return shortName(c.name); }),
                 axisLabel: { rotate: 35, interval: 0 } },
        yAxis: { type: 'value', max: 100 },
        series: [{ type: 'bar', data: data.children.map(function (c) { return c.failing_share; }) }]
      };
    }
    return {
      title: { text: data.title, textStyle: { fontSize: 14 } },
      tooltip: {},
      xAxis: { type: 'category', data: data.periods.map(function (p) { return p.label; }) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: data.periods.map(function (p) { return p.score; }) }]
    };
  }
  function histogramOption(data) {
    return {
      title: { text: data.title, textStyle: { fontSize: 14 } },
      tooltip: {},
      xAxis: { type: 'category', data: data.buckets.map(function (b) { return '≥' + b.from.toFixed(2); }) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: data.buckets.map(function (b) { return b.count; }) }]
    };
  }
  function draw(element) {
    fetch(element.dataset.src, { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        element.classList.add('drawn');
        var chart = echarts.init(element, null, { renderer: 'svg' });
        var option = element.dataset.chart === 'histogram' ? histogramOption(data) : barOption(data);
        // Drawn at once: a chart is read (and screenshotted) as it is, not as it grows.
        option.animation = false;
        chart.setOption(option);
      })
      .catch(function () { element.remove(); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (typeof echarts === 'undefined') return;
    document.querySelectorAll('.chart[data-src]').forEach(draw);
  });
})();
