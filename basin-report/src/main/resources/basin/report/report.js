/* Basin report: draws each figure with ECharts from the JSON option beside it. The options are
   data only (made by basin.report.Figures); everything shown in a tooltip is escaped here. */
(function () {
  'use strict';
  var ESCAPES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; });
  }

  function fmt(v) {
    if (v === null || v === undefined || v === '') return '-';
    if (typeof v !== 'number') return esc(v);
    if (!isFinite(v)) return String(v);
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
    return String(Number(v.toPrecision(4)));
  }

  function itemText(p, chart) {
    var d = p.data;
    if (d && typeof d === 'object' && !Array.isArray(d) && d.tip) return p.marker + esc(d.tip);
    if (p.componentType === 'markLine') return esc(p.name) + ': ' + fmt(p.value);
    var v = p.value;
    if (p.seriesType === 'custom') return p.marker + esc(p.seriesName) + ': ' + fmt(v[1]) + ' to ' + fmt(v[2]);
    if (p.seriesType === 'heatmap') {
      var o = chart.getOption();
      return esc(o.xAxis[0].name) + ' ' + esc(o.xAxis[0].data[v[0]]) + ', ' + esc(o.yAxis[0].name) + ' ' +
          esc(o.yAxis[0].data[v[1]]) + ': ' + fmt(v[2]);
    }
    var head = p.marker + esc(p.seriesName) + (p.name ? ' ' + esc(p.name) : '');
    if (Array.isArray(v)) return head + ': (' + fmt(v[0]) + ', ' + fmt(v[1]) + ')';
    return head + ': ' + fmt(v);
  }

  function tooltipFormatter(chart) {
    return function (params) {
      var list = Array.isArray(params) ? params : [params];
      var lines = [];
      if (Array.isArray(params) && list.length && list[0].axisValueLabel !== undefined) lines.push(esc(list[0].axisValueLabel));
      for (var i = 0; i < list.length; i++) {
        var t = itemText(list[i], chart);
        if (t) lines.push(t);
      }
      return lines.join('<br/>');
    };
  }

  function download(href, name) {
    var a = document.createElement('a');
    a.href = href;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }

  var sources = {};

  /* The chart as it stands (zoom and hidden series included) drawn again by ECharts' SVG renderer,
     from its JSON option (an option read back with getOption() cannot be given to another chart). */
  function svgOf(chart) {
    var option = addFunctions(JSON.parse(sources[chart.id]));
    var now = chart.getOption();
    if (option.dataZoom && now.dataZoom) {
      for (var i = 0; i < option.dataZoom.length && i < now.dataZoom.length; i++) {
        option.dataZoom[i].start = now.dataZoom[i].start;
        option.dataZoom[i].end = now.dataZoom[i].end;
      }
    }
    if (option.legend && now.legend && now.legend[0]) option.legend.selected = now.legend[0].selected;
    if (option.visualMap && now.visualMap && now.visualMap[0] && now.visualMap[0].range) option.visualMap[0].range = now.visualMap[0].range;
    option.animation = false;
    option.toolbox = {show: false};
    /* Drawn into a hidden element and serialized by the browser, which escapes text: the string
       renderer of ECharts 5.3.1 (renderToSVGString) writes text into the markup unescaped. */
    var box = document.createElement('div');
    box.style.cssText = 'position:absolute;left:-100000px;top:0;width:' + chart.getWidth() + 'px;height:' + chart.getHeight() + 'px';
    document.body.appendChild(box);
    var off = echarts.init(box, null, {renderer: 'svg'});
    try {
      off.setOption(option);
      var svg = box.querySelector('svg');
      svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
      return new XMLSerializer().serializeToString(svg);
    } finally {
      off.dispose();
      document.body.removeChild(box);
    }
  }

  function saveSvg(svg, name) {
    var url = URL.createObjectURL(new Blob([svg], {type: 'image/svg+xml'}));
    download(url, name);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* An SVG figure as PNG: drawn on a canvas at twice its size. */
  function savePng(svgElement, name) {
    var svg = new XMLSerializer().serializeToString(svgElement);
    var box = svgElement.viewBox && svgElement.viewBox.baseVal;
    var w = box && box.width ? box.width : svgElement.clientWidth;
    var h = box && box.height ? box.height : svgElement.clientHeight;
    var img = new Image();
    img.onload = function () {
      var canvas = document.createElement('canvas');
      canvas.width = 2 * w;
      canvas.height = 2 * h;
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      download(canvas.toDataURL('image/png'), name);
    };
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  }

  /* A band series of rows (x, lower, upper) drawn as one polygon, by its first row: along the lower
     bound and back along the upper one (one shape, so no seams between steps). */
  function bandPolygon(params, api) {
    if (params.dataIndexInside !== 0) return null;
    var n = params.dataInsideLength;
    var points = [];
    for (var i = 0; i < n; i++) points.push(api.coord([api.value(0, i), api.value(1, i)]));
    for (var j = n - 1; j >= 0; j--) points.push(api.coord([api.value(0, j), api.value(2, j)]));
    var style = api.style();
    style.lineWidth = 0;
    return {type: 'polygon', shape: {points: points}, style: style};
  }

  /* Functions the JSON options cannot carry: the band drawing. */
  function addFunctions(option) {
    var series = option.series || [];
    for (var i = 0; i < series.length; i++) if (series[i].basinBand) series[i].renderItem = bandPolygon;
    return option;
  }

  var SVG_ICON = 'path://M4,2H14L20,8V22H4Z M14,2V8H20 M7,13H17 M7,17H17';

  function drawCharts() {
    var charts = [];
    var nodes = document.querySelectorAll('div.chart[data-figure]');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var id = node.getAttribute('data-figure');
      try {
        var source = document.getElementById('option-' + id).textContent;
        var option = addFunctions(JSON.parse(source));
        var chart = echarts.init(node, null, {renderer: 'canvas'});
        sources[chart.id] = source;
        option.tooltip = option.tooltip || {};
        option.tooltip.formatter = tooltipFormatter(chart);
        option.toolbox = option.toolbox || {feature: {}};
        option.toolbox.feature.saveAsImage = option.toolbox.feature.saveAsImage || {};
        option.toolbox.feature.saveAsImage.name = id;
        option.toolbox.feature.mySaveSvg = {
          show: true,
          title: 'save as SVG',
          icon: SVG_ICON,
          onclick: (function (c, name) { return function () { saveSvg(svgOf(c), name + '.svg'); }; })(chart, id)
        };
        chart.setOption(option);
        charts.push(chart);
      } catch (e) {
        console.error('figure ' + id + ': ' + e);
        node.textContent = 'This figure could not be drawn: ' + e;
      }
    }
    window.addEventListener('resize', function () {
      for (var k = 0; k < charts.length; k++) charts[k].resize();
    });
    return charts;
  }

  function svgButtons() {
    var buttons = document.querySelectorAll('button[data-svg-figure]');
    for (var i = 0; i < buttons.length; i++) {
      (function (button) {
        var id = button.getAttribute('data-svg-figure');
        button.addEventListener('click', function () {
          var svg = document.querySelector('#fig-' + id + ' svg');
          if (button.getAttribute('data-format') === 'png') savePng(svg, id + '.png');
          else saveSvg(new XMLSerializer().serializeToString(svg), id + '.svg');
        });
        button.hidden = false;
      })(buttons[i]);
    }
  }

  var charts = typeof echarts === 'undefined' ? [] : drawCharts();
  svgButtons();
  window.basinReport = {charts: charts, svgOf: svgOf};
})();
