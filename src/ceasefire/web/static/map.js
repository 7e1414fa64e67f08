/* The incident map: Leaflet + marker-cluster (XStatic packages), our own code around them.
 *
 * Offline by default: the basemap is the bundled country outlines, towns from the gazetteer,
 * the agreement zones and the hazardous areas; a tile layer only when the server sets
 * CEASEFIRE_TILE_URL (data-tile-url). Every text from the database goes in as textContent.
 * When all markers are clustered, <body data-rendered="N"> says how many (tests, benchmark).
 */
(function () {
  "use strict";

  const root = document.getElementById("map");
  const API = root.dataset.api;
  const PAGE = 50000;

  const CATEGORY_COLOURS = {
    violation: "#d7301f",
    explosive_ordnance: "#7a0177",
    detention: "#2171b5",
    other_incident: "#525252",
  };
  // Verification status: the outline (colour, weight, dashes) and how solid the fill is.
  const STATUS_STYLES = {
    reported: { color: "#ffffff", weight: 1, dashArray: null, fillOpacity: 0.75 },
    under_review: { color: "#ffffff", weight: 1.5, dashArray: "3 2", fillOpacity: 0.75 },
    confirmed: { color: "#000000", weight: 2.5, dashArray: null, fillOpacity: 0.95 },
    disputed: { color: "#ff9f00", weight: 3, dashArray: null, fillOpacity: 0.85 },
    unconfirmed: { color: "#555555", weight: 1, dashArray: "2 2", fillOpacity: 0.35 },
    refuted: { color: "#555555", weight: 1, dashArray: "1 3", fillOpacity: 0.15 },
  };
  const HAZARD_COLOURS = {
    suspected: "#fdae61",
    confirmed: "#d7191c",
    reduced: "#74add1",
    cancelled: "#9e9e9e",
    cleared: "#1a9641",
  };
  // Towns labelled from this zoom by population: the map stays readable at every scale.
  const TOWN_ZOOMS = [[100000, 0], [20000, 8], [5000, 9], [0, 10]];
  const FILTERS = ["from", "to", "category", "status", "district", "claimant"];

  const form = document.getElementById("filters");
  const status = document.getElementById("map-status");

  function text(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = String(content);
    if (className) node.className = className;
    return node;
  }

  function words(value) {
    return String(value || "").replace(/_/g, " ");
  }

  async function getJson(url) {
    const response = await fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`${response.status} from ${url}`);
    return response.json();
  }

  // --- the map and its offline basemap -------------------------------------------------------

  const map = L.map(root, { zoomSnap: 0.5, minZoom: 5, maxZoom: 16 });
  map.fitBounds([[38.3, 44.7], [41.95, 50.9]]); // Azerbaijan and Armenia
  map.createPane("basemap").style.zIndex = 150;
  map.createPane("hazards").style.zIndex = 350;
  map.createPane("labels").style.zIndex = 450;
  map.getPane("labels").style.pointerEvents = "none";

  const layers = L.control.layers(null, null, { collapsed: false, position: "topright" }).addTo(map);
  if (root.dataset.tileUrl) {
    const tiles = L.tileLayer(root.dataset.tileUrl, {
      attribution: root.dataset.tileAttribution || "",
      maxZoom: 18,
    }).addTo(map);
    layers.addBaseLayer(tiles, "Tiles");
  }

  const outlines = L.geoJSON(null, {
    pane: "basemap",
    interactive: false,
    style: { color: "#8a8173", weight: 1.2, fillColor: "#f3efe6", fillOpacity: 1 },
  }).addTo(map);
  layers.addOverlay(outlines, "Country outlines");
  getJson(root.dataset.basemap).then((data) => outlines.addData(data)).catch(report);

  const towns = L.layerGroup([], { pane: "labels" }).addTo(map);
  const townMarkers = [];
  layers.addOverlay(towns, "Towns");

  async function loadTowns() {
    let url = `${API}/places?min_population=1000&limit=1000`;
    while (url) {
      const page = await getJson(url);
      for (const place of page.items) {
        if (place.feature_code === "PPLX") continue; // a section of a city, not a town
        const label = text("span", place.name);
        const icon = L.divIcon({ className: "town-label", html: label, iconSize: null });
        const marker = L.marker([place.lat, place.lon], {
          icon, pane: "labels", interactive: false, keyboard: false,
        });
        marker.population = place.population;
        townMarkers.push(marker);
      }
      url = page.next ? `${API}/places?min_population=1000&limit=1000&cursor=${encodeURIComponent(page.next)}` : null;
    }
    showTowns();
  }

  function showTowns() {
    const zoom = map.getZoom();
    const floor = TOWN_ZOOMS.find(([, from]) => zoom >= from)[0];
    for (const marker of townMarkers) {
      const wanted = marker.population >= floor;
      if (wanted && !towns.hasLayer(marker)) towns.addLayer(marker);
      if (!wanted && towns.hasLayer(marker)) towns.removeLayer(marker);
    }
  }
  TOWN_ZOOMS.sort((a, b) => b[1] - a[1]);
  map.on("zoomend", showTowns);

  function tooltipOf(content) {
    return text("span", content);
  }

  const zones = L.geoJSON(null, {
    style: { color: "#3f6fb5", weight: 2, dashArray: "6 4", fill: false },
    onEachFeature: (feature, layer) => layer.bindTooltip(tooltipOf(feature.properties.name), { sticky: true }),
  }).addTo(map);
  layers.addOverlay(zones, "Agreement zones");

  const hazards = L.geoJSON(null, {
    pane: "hazards",
    style: (feature) => ({
      color: HAZARD_COLOURS[feature.properties.status] || "#777",
      weight: 1.5,
      fillOpacity: 0.35,
      className: `hazard hazard-${feature.properties.status}`,
    }),
    onEachFeature: (feature, layer) => layer.bindPopup(() => hazardPopup(feature.properties)),
  }).addTo(map);
  layers.addOverlay(hazards, "Hazardous areas");

  function hazardPopup(area) {
    const box = text("div", null, "popup");
    box.appendChild(text("strong", area.name));
    const facts = text("dl");
    for (const [label, value] of [
      ["Status", words(area.status)],
      ["District", area.district],
      ["Area", `${Math.round(area.area_m2).toLocaleString()} m²`],
      ["Remaining", `${Math.round(area.remaining_m2).toLocaleString()} m²`],
    ]) {
      facts.appendChild(text("dt", label));
      facts.appendChild(text("dd", value === null || value === undefined ? "—" : value));
    }
    box.appendChild(facts);
    return box;
  }

  async function loadHazards() {
    let url = `${API}/hazards?format=geojson&limit=1000`;
    let count = 0;
    while (url) {
      const page = await getJson(url);
      hazards.addData(page);
      count += page.features.length;
      url = page.next ? `${API}/hazards?format=geojson&limit=1000&cursor=${encodeURIComponent(page.next)}` : null;
    }
    root.dataset.hazards = String(count);
  }

  // --- incidents -----------------------------------------------------------------------------

  let generation = 0;
  let batchClustered = null; // resolves when the batch given to addLayers is all clustered
  // Big chunks with short pauses: 100k markers cluster in a few seconds and the page still
  // answers between chunks.
  const clusters = L.markerClusterGroup({
    chunkedLoading: true,
    chunkInterval: 250,
    chunkDelay: 5,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    chunkProgress: (processed, total) => {
      if (processed === total && batchClustered) batchClustered();
    },
  }).addTo(map);
  layers.addOverlay(clusters, "Incidents");
  clusters.on("click", (event) => openIncident(event.layer));

  function cluster(markers) {
    return new Promise((resolve) => {
      batchClustered = resolve;
      clusters.addLayers(markers);
    });
  }

  function rendered(total) {
    status.textContent = `${total.toLocaleString()} incident(s) on the map`;
    document.body.dataset.rendered = String(total);
  }

  function markerFor(row) {
    const [id, lon, lat, category, state] = row;
    const style = STATUS_STYLES[state] || STATUS_STYLES.reported;
    const marker = L.circleMarker([lat, lon], {
      radius: 7,
      fillColor: CATEGORY_COLOURS[category] || "#888",
      color: style.color,
      weight: style.weight,
      dashArray: style.dashArray,
      fillOpacity: style.fillOpacity,
      className: `incident incident-${category} status-${state}`,
    });
    marker.incidentId = id;
    return marker;
  }

  function openIncident(marker) {
    const box = text("div", "loading…", "popup");
    marker.bindPopup(box, { maxWidth: 320 }).openPopup();
    getJson(`${API}/incidents/${encodeURIComponent(marker.incidentId)}`)
      .then((incident) => fillPopup(box, incident))
      .catch((error) => { box.textContent = `could not load the incident (${error.message})`; });
  }

  function fillPopup(box, incident) {
    box.textContent = "";
    box.appendChild(text("strong", words(incident.type)));
    const when = incident.time.start === incident.time.end
      ? incident.time.start : `${incident.time.start} – ${incident.time.end}`;
    const facts = text("dl");
    for (const [label, value] of [
      ["Date", when],
      ["Category", words(incident.category)],
      ["Status", words(incident.status)],
      ["Place", incident.place ? incident.place.name : "not placed"],
      ["Claimants", (incident.claimants || []).join("; ") || "—"],
    ]) {
      facts.appendChild(text("dt", label));
      facts.appendChild(text("dd", value));
    }
    box.appendChild(facts);
    if (incident.summary) box.appendChild(text("p", incident.summary, "popup-summary"));
    const link = text("a", "Open the incident");
    link.href = `/incidents/${encodeURIComponent(incident.id)}`;
    box.appendChild(link);
  }

  function filterParams(withDates) {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      if (!withDates && (name === "from" || name === "to")) continue;
      const field = form.elements[name];
      if (field && !field.disabled && field.value.trim()) params.set(name, field.value.trim());
    }
    return params;
  }

  let settled = Promise.resolve(); // the last load's clustering, which cannot be cancelled

  async function loadIncidents() {
    const mine = ++generation;
    delete document.body.dataset.rendered;
    status.textContent = "loading…";
    const previous = settled;
    let clustering = previous.then(() => clusters.clearLayers());
    settled = clustering;
    let shown = 0;
    let cursor = null;
    do {
      const params = filterParams(true);
      params.set("limit", String(PAGE));
      if (cursor) params.set("cursor", cursor);
      const page = await getJson(`${API}/incidents/points?${params}`);
      if (mine !== generation) return; // a newer filter took over
      const markers = page.items.map(markerFor);
      shown += markers.length;
      // Cluster this page while the next one downloads; one batch at a time.
      clustering = clustering.then(() => (mine === generation && markers.length ? cluster(markers) : null));
      settled = clustering;
      cursor = page.next;
      status.textContent = `loading… ${shown.toLocaleString()}`;
    } while (cursor);
    await clustering;
    if (mine === generation) rendered(shown);
  }

  // --- timeline ------------------------------------------------------------------------------

  const timeline = window.CeasefireTimeline.create(
    document.getElementById("timeline"),
    CATEGORY_COLOURS,
    (from, to) => {
      form.elements.from.value = from;
      form.elements.to.value = to;
      apply();
    },
  );
  let timelineKey = null;

  async function loadTimeline() {
    const params = filterParams(false);
    const key = params.toString();
    if (key !== timelineKey) {
      timelineKey = key;
      timeline.draw(await getJson(`${API}/incidents/per-day?${params}`));
    }
    timeline.select(form.elements.from.value, form.elements.to.value);
  }

  // --- filters -------------------------------------------------------------------------------

  function report(error) {
    status.textContent = `error: ${error.message}`;
    document.body.dataset.error = error.message;
  }

  function apply() {
    const params = filterParams(true);
    history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
    loadIncidents().catch(report);
    loadTimeline().catch(report);
  }

  const initial = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    if (initial.has(name) && form.elements[name]) form.elements[name].value = initial.get(name);
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply, 0));
  document.getElementById("timeline-clear").addEventListener("click", () => {
    form.elements.from.value = "";
    form.elements.to.value = "";
    apply();
  });

  addLegend();
  apply();
  loadTowns().catch(report);
  fetch(`${API}/zones?format=geojson`, { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} from zones`))))
    .then((data) => zones.addData(data))
    .catch(report);
  loadHazards().catch(report);

  // --- legend --------------------------------------------------------------------------------

  function addLegend() {
    const legend = L.control({ position: "bottomright" });
    legend.onAdd = () => {
      const box = text("div", null, "map-legend");
      L.DomEvent.disableClickPropagation(box);
      const section = (title, entries, swatch) => {
        box.appendChild(text("h4", title));
        const list = text("ul");
        for (const [name, value] of entries) {
          const item = text("li");
          const mark = text("span", null, "swatch");
          swatch(mark, value);
          item.appendChild(mark);
          item.appendChild(document.createTextNode(words(name)));
          list.appendChild(item);
        }
        box.appendChild(list);
      };
      section("Incidents", Object.entries(CATEGORY_COLOURS), (mark, colour) => {
        mark.style.background = colour;
        mark.classList.add("round");
      });
      section("Verification", Object.entries(STATUS_STYLES), (mark, style) => {
        mark.style.background = "#bbb";
        mark.style.opacity = String(Math.max(style.fillOpacity, 0.3));
        mark.style.border = `${Math.max(style.weight, 1)}px ${style.dashArray ? "dashed" : "solid"} ${style.color === "#ffffff" ? "#888" : style.color}`;
        mark.classList.add("round");
      });
      section("Hazardous areas", Object.entries(HAZARD_COLOURS), (mark, colour) => {
        mark.style.background = colour;
      });
      return box;
    };
    legend.addTo(map);
  }
})();
