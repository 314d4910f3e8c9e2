// The preview page's browser script, served as it is (plain ES5, no build step, nothing from the network).
export const PAGE_SCRIPT = String.raw`
'use strict';
// The preview page: reads the preview's JSON API and draws dashboards, the catalog and entities.
var COLORS = {
  blue: '#4c6ef5', turquoise: '#22b8cf', orange: '#fd7e14', purple: '#7950f2', pink: '#e64980', yellow: '#fcc419',
  green: '#40c057', red: '#fa5252', gold: '#e8b923', silver: '#adb5bd', paleBlue: '#a5d8ff', darkGray: '#495057',
  lightGray: '#dee2e6', bronze: '#cd7f32', lime: '#94d82d', olive: '#5c940d', brown: '#8d5524'
};
var PALETTE = ['#4c6ef5', '#40c057', '#fd7e14', '#fa5252', '#7950f2', '#22b8cf', '#e64980', '#fcc419', '#94d82d', '#495057', '#8d5524', '#a5d8ff', '#5c940d', '#adb5bd'];
var SLICE_COLORS = { current: COLORS.green, patch: COLORS.lime, minor: COLORS.yellow, major: COLORS.red, unknown: COLORS.lightGray,
  Healthy: COLORS.green, Degraded: COLORS.orange, Down: COLORS.red, Basic: COLORS.paleBlue, Bronze: COLORS.bronze, Silver: COLORS.silver, Gold: COLORS.gold };
var catalog = null;

function esc(value) {
  return String(value).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}
function show(value) {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
function api(path) {
  return fetch(path).then(function (res) {
    return res.json().then(function (body) { if (!res.ok) throw new Error(body.message || res.statusText); return body; });
  });
}
function link(blueprint, identifier, text) {
  return '<a href="#/entity/' + encodeURIComponent(blueprint) + '/' + encodeURIComponent(identifier) + '">' + esc(text) + '</a>';
}
function sliceColor(label, i) { return SLICE_COLORS[label] || PALETTE[i % PALETTE.length]; }
function legend(slices) {
  return '<ul class="legend">' + slices.map(function (s, i) {
    return '<li data-label="' + esc(s.label) + '" data-count="' + s.count + '"><span class="swatch" style="background:' + sliceColor(s.label, i) + '"></span>' +
      '<span class="label">' + esc(s.label) + '</span> <strong class="count">' + s.count + '</strong></li>';
  }).join('') + '</ul>';
}
function pie(value) {
  var total = value.slices.reduce(function (n, s) { return n + s.count; }, 0);
  if (total === 0) return '<p class="muted">No entities</p>';
  var r = 70, c = 80, angle = -Math.PI / 2, paths = '';
  value.slices.forEach(function (s, i) {
    var share = s.count / total;
    var title = '<title>' + esc(s.label) + ': ' + s.count + '</title>';
    if (share >= 0.9999) { paths += '<circle cx="80" cy="80" r="70" fill="' + sliceColor(s.label, i) + '">' + title + '</circle>'; return; }
    var end = angle + share * 2 * Math.PI;
    var large = share > 0.5 ? 1 : 0;
    paths += '<path d="M' + c + ',' + c + ' L' + (c + r * Math.cos(angle)) + ',' + (c + r * Math.sin(angle)) + ' A' + r + ',' + r + ' 0 ' + large + ' 1 ' +
      (c + r * Math.cos(end)) + ',' + (c + r * Math.sin(end)) + ' Z" fill="' + sliceColor(s.label, i) + '" stroke="#fff" stroke-width="1.5">' + title + '</path>';
    angle = end;
  });
  return '<div class="chart"><svg width="160" height="160" viewBox="0 0 160 160" role="img">' + paths + '</svg>' + legend(value.slices) + '</div>';
}
function bar(value) {
  var max = value.slices.reduce(function (n, s) { return Math.max(n, s.count); }, 0) || 1;
  var w = 28, gap = 10, h = 140, bars = '';
  value.slices.forEach(function (s, i) {
    var bh = Math.round((s.count / max) * (h - 20));
    bars += '<rect x="' + (i * (w + gap)) + '" y="' + (h - bh) + '" width="' + w + '" height="' + bh + '" fill="' + sliceColor(s.label, i) + '"><title>' +
      esc(s.label) + ': ' + s.count + '</title></rect>';
  });
  return '<div class="chart"><svg width="' + Math.max(value.slices.length * (w + gap), 40) + '" height="' + h + '" role="img">' + bars + '</svg>' + legend(value.slices) + '</div>';
}
function table(value, limit) {
  var rows = limit ? value.rows.slice(0, limit) : value.rows;
  var head = '<tr>' + value.columns.map(function (c, i) { return '<th data-column="' + esc(c) + '">' + esc(value.titles[i]) + '</th>'; }).join('') + '</tr>';
  var body = rows.map(function (row) {
    return '<tr data-identifier="' + esc(row.identifier) + '">' + row.cells.map(function (cell, i) {
      var text = show(cell);
      return '<td>' + (i === 0 ? link(row.blueprint, row.identifier, text || row.identifier) : esc(text)) + '</td>';
    }).join('') + '</tr>';
  }).join('');
  return '<p class="muted rows">' + value.rows.length + ' rows</p><table><thead>' + head + '</thead><tbody>' + body + '</tbody></table>';
}
function widgetBody(value) {
  if (value.kind === 'number') {
    var color = value.format && value.format.color ? COLORS[value.format.color] || value.format.color : 'inherit';
    return '<div class="number-value" style="color:' + color + '">' + esc(value.text) + '</div>' +
      (value.format && value.format.message ? '<div class="number-message" style="color:' + color + '">' + esc(value.format.message) + '</div>' : '');
  }
  if (value.kind === 'pie') return pie(value);
  if (value.kind === 'bar') return bar(value);
  if (value.kind === 'table') return table(value);
  return '<p class="muted">' + esc(value.reason) + '</p>';
}
function renderDashboard(d) {
  var byId = {};
  d.widgets.forEach(function (w) { byId[w.id] = w; });
  var rows = d.layout.map(function (row) {
    return '<div class="row" style="height:' + Math.round(row.height * 0.6) + 'px">' + row.columns.map(function (col) {
      var w = byId[col.id];
      if (!w) return '';
      return '<section class="card widget" data-widget="' + esc(w.id) + '" data-kind="' + esc(w.value.kind) + '" style="flex:' + col.size + ' 1 0">' +
        '<h2>' + esc(w.title) + '</h2>' + widgetBody(w.value) + '</section>';
    }).join('') + '</div>';
  }).join('');
  return '<h1>' + esc(d.title) + '</h1>' + rows;
}
function levelsBar(s) {
  var total = s.evaluated || 1;
  return '<div class="levels">' + s.levels.filter(function (l) { return l.count > 0; }).map(function (l) {
    return '<div data-level="' + esc(l.title) + '" style="flex:' + l.count / total + ';background:' + (COLORS[l.color] || l.color) + '" title="' + esc(l.title) + ': ' + l.count + '">' +
      esc(l.title) + ' ' + l.count + '</div>';
  }).join('') + '</div>';
}
function renderHome() {
  var cards = catalog.scorecards.map(function (s) {
    return '<section class="card scorecard" data-scorecard="' + esc(s.identifier) + '"><h2>' + esc(s.title) + ' <span class="muted">(' + esc(s.blueprint) + ', ' + s.evaluated + ')</span></h2>' +
      levelsBar(s) + (s.failing.length ? '<p class="muted">Failing most</p><ul class="failing">' + s.failing.map(function (f) {
        return '<li>' + esc(f.title) + ' <span class="muted">(' + esc(f.level) + ')</span>: ' + f.count + '</li>';
      }).join('') + '</ul>' : '<p class="muted">No rule fails</p>') + '</section>';
  }).join('');
  return '<h1>Scorecards</h1><div class="grid">' + (cards || '<p class="muted">No scorecards</p>') + '</div>';
}
function renderCatalog(data) {
  var cols = data.columns;
  var head = '<tr><th>title</th>' + cols.map(function (c) { return '<th>' + esc(c.title) + '</th>'; }).join('') + '</tr>';
  var body = data.entities.map(function (e) {
    var cells = cols.map(function (c) {
      if (c.kind === 'relation') {
        var v = (e.relations || {})[c.id];
        var ids = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
        return '<td>' + ids.map(function (id) { return link(c.target, id, id); }).join(', ') + '</td>';
      }
      if (c.kind === 'scorecard') { var r = (e.scorecards || {})[c.id]; return '<td>' + esc(r ? r.level : '') + '</td>'; }
      return '<td>' + esc(show((e.properties || {})[c.id])) + '</td>';
    }).join('');
    var text = (e.identifier + ' ' + (e.title || '') + ' ' + JSON.stringify(e.properties || {}) + ' ' + JSON.stringify(e.relations || {})).toLowerCase();
    return '<tr data-identifier="' + esc(e.identifier) + '" data-search="' + esc(text) + '"><td>' + link(data.blueprint.identifier, e.identifier, e.title || e.identifier) + '</td>' + cells + '</tr>';
  }).join('');
  return '<h1>' + esc(data.blueprint.title) + ' <span class="muted">(' + data.entities.length + ')</span></h1>' +
    '<input type="search" id="search" placeholder="Search ' + esc(data.blueprint.title) + '" autocomplete="off">' +
    '<div class="card"><table id="catalog"><thead>' + head + '</thead><tbody>' + body + '</tbody></table></div>';
}
function renderEntity(data) {
  var e = data.entity;
  var props = Object.keys(e.properties || {}).sort().map(function (k) {
    return '<dt>' + esc(data.titles[k] || k) + '</dt><dd data-property="' + esc(k) + '">' + esc(show(e.properties[k])) + '</dd>';
  }).join('');
  var rels = data.relations.map(function (r) {
    return '<dt>' + esc(r.title) + '</dt><dd data-relation="' + esc(r.identifier) + '">' + (r.entities.map(function (t) {
      return t.exists ? link(r.target, t.identifier, t.identifier) : esc(t.identifier) + ' <span class="muted">(missing)</span>';
    }).join(', ') || '<span class="muted">none</span>') + '</dd>';
  }).join('');
  var cards = data.scorecards.map(function (s) {
    return '<section class="card scorecard" data-scorecard="' + esc(s.identifier) + '"><h2>' + esc(s.title) + '</h2>' +
      (s.level ? '<span class="badge level" style="background:' + (COLORS[s.color] || '#dee2e6') + '">' + esc(s.level) + '</span>' : '<span class="muted level">not evaluated</span>') +
      '<p class="muted">' + s.passing + ' rules pass, ' + s.failing.length + ' fail</p>' +
      (s.failing.length ? '<ul class="failing">' + s.failing.map(function (f) {
        return '<li data-rule="' + esc(f.identifier) + '">' + esc(f.title) + ' <span class="muted">(' + esc(f.level) + ')</span></li>';
      }).join('') + '</ul>' : '') + '</section>';
  }).join('');
  return '<h1>' + esc(e.title || e.identifier) + ' <span class="muted">' + esc(data.blueprint.title) + ' · ' + esc(e.identifier) + '</span></h1>' +
    '<div class="grid"><section class="card"><h2>Properties</h2><dl>' + props + '</dl></section>' +
    '<section class="card"><h2>Relations</h2><dl>' + (rels || '<dd class="muted">none</dd>') + '</dl></section>' + cards + '</div>';
}
function nav() {
  var here = location.hash || '#/';
  var a = function (href, text) { return '<a href="' + href + '"' + (here === href ? ' class="active"' : '') + '>' + esc(text) + '</a>'; };
  document.getElementById('nav').innerHTML = a('#/', 'Scorecards') + '<span>Dashboards</span>' +
    catalog.dashboards.map(function (d) { return a('#/dashboard/' + encodeURIComponent(d.identifier), d.title); }).join('') + '<span>Catalog</span>' +
    catalog.blueprints.filter(function (b) { return b.count > 0; }).map(function (b) { return a('#/catalog/' + encodeURIComponent(b.identifier), b.title + ' ' + b.count); }).join('');
}
function route() {
  var main = document.getElementById('main');
  var parts = (location.hash || '#/').slice(2).split('/').map(decodeURIComponent);
  var done = function (html) { main.innerHTML = html; main.setAttribute('data-ready', location.hash || '#/'); nav(); };
  var fail = function (err) { done('<p class="muted">' + esc(err.message) + '</p>'); };
  main.removeAttribute('data-ready');
  api('/api/catalog').then(function (c) {
    catalog = c;
    if (parts[0] === 'dashboard') return api('/api/dashboards/' + encodeURIComponent(parts[1])).then(function (d) { done(renderDashboard(d)); });
    if (parts[0] === 'catalog') return api('/api/blueprints/' + encodeURIComponent(parts[1]) + '/entities').then(function (d) {
      done(renderCatalog(d));
      document.getElementById('search').addEventListener('input', function (ev) {
        var q = ev.target.value.toLowerCase();
        document.querySelectorAll('#catalog tbody tr').forEach(function (tr) { tr.hidden = q !== '' && tr.getAttribute('data-search').indexOf(q) < 0; });
      });
    });
    if (parts[0] === 'entity') return api('/api/entities/' + encodeURIComponent(parts[1]) + '/' + encodeURIComponent(parts.slice(2).join('/'))).then(function (d) { done(renderEntity(d)); });
    done(renderHome());
  }).catch(fail);
}
window.addEventListener('hashchange', route);
route();
`;
