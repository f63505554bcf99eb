// The partner network map: reads the JSON data block, draws it with the vendored vis-network
// at the positions computed on the server (physics off, so it is usable at once), and fills the
// detail panel, the search and the PNG download. All text goes in with textContent.
(function () {
  "use strict";

  const dataBlock = document.getElementById("network-data");
  const container = document.getElementById("network-map");
  if (!dataBlock || !container || typeof vis === "undefined") {
    return;
  }
  const data = JSON.parse(dataBlock.textContent);
  const T = data.text;
  const BLOCK_COLOURS = {
    hardware: "#8a4b08",
    orgware: "#1d6b3a",
    software: "#5b2c83",
    multiple: "#1f4e79",
    none: "#6c757d",
  };
  const SHAPES = { p: "dot", o: "square", t: "diamond" };
  // With drawThreshold 6, theme labels show from zoom 0.33, opgaven from 0.46, partners from
  // 0.55: the whole map stays readable and names appear as you zoom in.
  const FONT_SIZES = { p: 11, o: 13, t: 18 };
  // Themes and the most central partners (n.tp) keep a readable name at every zoom: their
  // labels are always drawn and grow as the map is zoomed out, to about this many screen pixels.
  const IMPORTANT_PX = { t: 15, p: 13 };
  // The largest groups of partners that often work together (data.groups), one colour each.
  const GROUP_COLOURS = ["#1f4e79", "#b03a2e", "#1d6b3a", "#6c3483", "#7e5109", "#117a65", "#a93266", "#b9770e"];
  const OTHER_GROUP = "#adb5bd";
  let colourMode = "block";
  const EDGE_COLOURS = { e: "#8d99a6", p: "#1a5a96", t: "#c8ced3" };
  const MARK_COLOURS = { new: "#1b7a35", lost: "#c0392b", dormant: "#d35400", active: "#1b7a35" };
  const big = data.nodes.length > 400;
  const comparing = data.edges.some((e) => e.h) || data.nodes.some((n) => n.h);

  const byId = new Map();
  const linksOf = new Map();
  data.nodes.forEach((n) => {
    byId.set(n.id, n);
    linksOf.set(n.id, []);
  });
  data.edges.forEach((e) => {
    linksOf.get(e.f).push(e);
    linksOf.get(e.t).push(e);
  });

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function url(name, id) {
    const pattern = data.urls[name];
    return pattern && id ? pattern.replace(data.sentinel, String(id)) : null;
  }

  function linkOrText(name, id, text) {
    const href = url(name, id);
    if (!href) return el("span", "", text);
    const a = el("a", "", text);
    a.href = href;
    return a;
  }

  function period(p) {
    return p ? data.periods[p] || p : T.none;
  }

  function tooltip(n) {
    const box = el("div", "network-tooltip");
    box.appendChild(el("strong", "", n.l));
    box.appendChild(el("div", "", n.k === "p" ? n.ty : T.kind[n.k]));
    return box;
  }

  function important(n) {
    return n.k === "t" || n.tp === 1;
  }

  function fontFor(n, scale) {
    const base = { size: FONT_SIZES[n.k], color: "#212529", strokeWidth: 3, strokeColor: "#ffffff" };
    if (!important(n)) return base;
    base.size = Math.max(FONT_SIZES[n.k], IMPORTANT_PX[n.k] / Math.max(scale || 1, 0.02));
    return base;
  }

  function fillColour(n) {
    if (colourMode === "group" && n.k === "p") {
      return n.g >= 1 && n.g <= GROUP_COLOURS.length ? GROUP_COLOURS[n.g - 1] : OTHER_GROUP;
    }
    return BLOCK_COLOURS[n.b] || BLOCK_COLOURS.none;
  }

  function visNode(n) {
    const colour = fillColour(n);
    let border = colour;
    let borderWidth = 1;
    const mark = comparing ? n.h : n.f && n.f.includes("d") ? "dormant" : null;
    if (mark) {
      border = MARK_COLOURS[mark];
      borderWidth = 4;
    }
    const node = {
      id: n.id,
      label: n.l,
      x: n.x,
      y: n.y,
      shape: SHAPES[n.k],
      size: n.s,
      borderWidth: borderWidth,
      color: {
        background: colour,
        border: border,
        highlight: { background: colour, border: "#ffbf47" },
        hover: { background: colour, border: "#ffbf47" },
      },
      font: fontFor(n, 1),
    };
    if (important(n)) node.scaling = { label: { drawThreshold: 1, maxVisible: 400 } };
    if (!big) node.title = tooltip(n);
    return node;
  }

  function visEdge(e, index) {
    const edge = { id: index, from: e.f, to: e.t, color: { color: EDGE_COLOURS[e.k] }, width: 1 };
    if (e.k === "e") edge.width = 1 + Math.min(4, Math.sqrt(e.w || 0));
    if (e.k === "p") {
      edge.width = 2;
      edge.dashes = !e.r;
    }
    if (big) edge.color.opacity = 0.45; // thousands of lines: let the nodes show through
    if (comparing) {
      if (e.h) {
        edge.color = { color: MARK_COLOURS[e.h] };
        edge.width = 3;
        edge.dashes = e.h === "lost";
      } else {
        edge.color = { color: EDGE_COLOURS[e.k], opacity: 0.35 };
      }
    }
    return edge;
  }

  container.replaceChildren();
  const nodeSet = new vis.DataSet(data.nodes.map(visNode));
  const network = new vis.Network(
    container,
    {
      nodes: nodeSet,
      edges: new vis.DataSet(data.edges.map(visEdge)),
    },
    {
      physics: false,
      layout: { improvedLayout: false },
      edges: { smooth: false, selectionWidth: 2 },
      nodes: { scaling: { label: { drawThreshold: 6 } } },
      interaction: {
        hover: !big,
        tooltipDelay: 200,
        hideEdgesOnDrag: big,
        hideEdgesOnZoom: big,
        keyboard: { enabled: true, bindToWindow: false },
      },
    },
  );

  network.fit({ animation: false });

  // ---- names that stay readable, colours by group ------------------------------------------
  const importantNodes = data.nodes.filter(important);
  let pendingZoom = false;
  function keepNamesReadable() {
    pendingZoom = false;
    const scale = network.getScale();
    nodeSet.update(importantNodes.map((n) => ({ id: n.id, font: fontFor(n, scale) })));
  }
  keepNamesReadable();
  network.on("zoom", () => {
    if (pendingZoom) return;
    pendingZoom = true;
    window.requestAnimationFrame(keepNamesReadable);
  });

  const groupLegend = document.getElementById("network-group-legend");
  const blockLegend = document.getElementById("network-block-legend");
  if (groupLegend) {
    (data.groups || []).forEach((group) => {
      const li = el("li", "list-inline-item");
      const swatch = el("span", "swatch shape-dot");
      swatch.style.background = GROUP_COLOURS[group.g - 1];
      swatch.style.borderColor = GROUP_COLOURS[group.g - 1];
      swatch.setAttribute("aria-hidden", "true");
      li.appendChild(swatch);
      const name = T.groupName.replace("%(name)s", group.name);
      li.appendChild(document.createTextNode(`${name} (${T.groupSize.replace("%(n)s", group.n)})`));
      groupLegend.appendChild(li);
    });
    const rest = el("li", "list-inline-item");
    const swatch = el("span", "swatch shape-dot");
    swatch.style.background = OTHER_GROUP;
    swatch.style.borderColor = OTHER_GROUP;
    swatch.setAttribute("aria-hidden", "true");
    rest.appendChild(swatch);
    rest.appendChild(document.createTextNode(T.otherGroups));
    groupLegend.appendChild(rest);
  }
  document.querySelectorAll("input[name='network-colour']").forEach((radio) => {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      colourMode = radio.value;
      if (groupLegend) groupLegend.hidden = colourMode !== "group";
      if (blockLegend) blockLegend.hidden = colourMode === "group";
      nodeSet.update(
        data.nodes
          .filter((n) => n.k === "p")
          .map((n) => {
            const colour = fillColour(n);
            return { id: n.id, color: { background: colour, border: visNode(n).color.border,
              highlight: { background: colour, border: "#ffbf47" }, hover: { background: colour, border: "#ffbf47" } } };
          }),
      );
    });
  });

  // ---- detail panel -------------------------------------------------------------------
  const detailBody = document.getElementById("network-detail-body");
  const detailEmpty = document.getElementById("network-detail-empty");
  const detailHeading = document.getElementById("network-detail-heading");

  function focusButton(id, text) {
    const button = el("button", "btn btn-link btn-sm p-0 align-baseline text-start", text);
    button.type = "button";
    button.addEventListener("click", () => focusNode(id, true));
    return button;
  }

  function addFacts(list, rows) {
    rows.forEach(([term, value]) => {
      list.appendChild(el("dt", "col-7 fw-normal text-body-secondary", term));
      const dd = el("dd", "col-5 mb-1");
      if (value instanceof Node) dd.appendChild(value);
      else dd.textContent = String(value);
      list.appendChild(dd);
    });
  }

  function section(title, items) {
    const wrap = el("div", "mt-2");
    wrap.appendChild(el("h4", "h6 mb-1", title));
    const list = el("ul", "list-unstyled small mb-0 network-detail-list");
    items.forEach((item) => list.appendChild(item));
    wrap.appendChild(list);
    return wrap;
  }

  function neighbour(e, id) {
    return byId.get(e.f === id ? e.t : e.f);
  }

  function engagementItem(e, other) {
    const li = el("li");
    li.appendChild(focusButton(other.id, other.l));
    li.appendChild(document.createTextNode(" · "));
    li.appendChild(linkOrText("engagement", e.e, `${e.w || 0} ${T.entriesShort}`));
    if (e.lp) {
      li.appendChild(document.createTextNode(` · ${T.lastJournal.toLowerCase()}: `));
      li.appendChild(linkOrText("entry", e.j, period(e.lp)));
    }
    return li;
  }

  const detailClose = document.getElementById("network-detail-close");
  detailClose.addEventListener("click", () => {
    detailBody.replaceChildren();
    detailEmpty.hidden = false;
    detailClose.hidden = true;
    network.unselectAll();
    detailHeading.focus();
  });

  function showDetails(id) {
    const n = byId.get(id);
    if (!n) return;
    detailEmpty.hidden = true;
    detailClose.hidden = false;
    detailBody.replaceChildren();
    const title = el("h3", "h5 mb-1", n.l);
    detailBody.appendChild(title);
    const meta = el("p", "small mb-2");
    meta.appendChild(el("span", `badge block-badge block-${n.b} me-1`, T.block[n.b] || n.b));
    meta.appendChild(el("span", "text-body-secondary", n.k === "p" ? n.ty : T.kind[n.k]));
    (n.f || "").split("").forEach((flag) => {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", `badge flag-${flag}`, T.flags[flag]));
    });
    if (n.h) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", `badge mark-${n.h}`, T.marks[n.h]));
    }
    if (n.ex) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "badge text-bg-warning", T.example));
    }
    detailBody.appendChild(meta);

    const facts = el("dl", "row small mb-0");
    const rows = [
      [T.degree, n.d],
      [T.betweenness, n.c.toFixed(3)],
      [T.community, n.g || T.noCommunity],
    ];
    if (n.k === "p") {
      rows.push([T.entries, n.n || 0]);
      rows.push([T.lastJournal, period(n.lp)]);
    }
    addFacts(facts, rows);
    detailBody.appendChild(facts);

    const links = linksOf.get(id);
    const engagements = links.filter((e) => e.k === "e");
    if (n.k === "p") {
      if (engagements.length) {
        const items = engagements.map((e) => engagementItem(e, neighbour(e, id)));
        detailBody.appendChild(section(T.engagements, items));
      }
      const partners = links.filter((e) => e.k === "p");
      if (partners.length) {
        const items = partners.map((e) => {
          const li = el("li");
          li.appendChild(focusButton(neighbour(e, id).id, neighbour(e, id).l));
          const why = [];
          if (e.r) why.push(`${T.relation}: ${e.r}`);
          if (e.m) why.push(`${e.m} ${T.comentions}`);
          if (why.length) li.appendChild(el("span", "text-body-secondary", ` · ${why.join("; ")}`));
          return li;
        });
        detailBody.appendChild(section(T.links, items));
      }
      appendPageLink("partner", n.r, T.openPartner);
    } else if (n.k === "o") {
      const theme = links.filter((e) => e.k === "t").map((e) => neighbour(e, id));
      theme.forEach((t) => {
        const p = el("p", "small mb-1");
        p.appendChild(el("span", "text-body-secondary", `${T.theme}: `));
        p.appendChild(focusButton(t.id, t.l));
        detailBody.appendChild(p);
      });
      const items = engagements.map((e) => engagementItem(e, neighbour(e, id)));
      if (items.length) detailBody.appendChild(section(T.partners, items));
      appendPageLink("opgave", n.r, T.openOpgave);
    } else {
      const items = links
        .filter((e) => e.k === "t")
        .map((e) => {
          const li = el("li");
          li.appendChild(focusButton(neighbour(e, id).id, neighbour(e, id).l));
          return li;
        });
      if (items.length) detailBody.appendChild(section(T.opgaven, items));
      appendPageLink("theme", n.r, T.openTheme);
    }
  }

  function appendPageLink(name, id, text) {
    const href = url(name, id);
    if (!href) return;
    const p = el("p", "mt-2 mb-0");
    const a = el("a", "btn btn-sm btn-outline-primary", text);
    a.href = href;
    p.appendChild(a);
    detailBody.appendChild(p);
  }

  function focusNode(id, moveFocus) {
    if (!byId.has(id)) return;
    network.selectNodes([id]);
    if (!big) {
      // body[data-network-moving] while the view glides to the node (tests wait on it)
      document.body.dataset.networkMoving = "1";
      network.once("animationFinished", () => delete document.body.dataset.networkMoving);
    }
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.1),
      animation: big ? false : { duration: 300, easingFunction: "easeInOutQuad" },
    });
    showDetails(id);
    if (moveFocus) detailHeading.focus();
  }

  network.on("click", (params) => {
    if (params.nodes.length) showDetails(params.nodes[0]);
  });

  // ---- search, tools and "show on map" buttons ------------------------------------------
  const searchForm = document.getElementById("network-search");
  const searchInput = document.getElementById("network-search-input");
  const results = document.getElementById("network-search-results");
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = searchInput.value.trim().toLowerCase();
    results.replaceChildren();
    if (!query) return;
    const exact = data.nodes.filter((n) => n.l.toLowerCase() === query);
    const hits = exact.length ? exact : data.nodes.filter((n) => n.l.toLowerCase().includes(query));
    if (hits.length === 0) {
      results.textContent = T.noMatch;
    } else if (hits.length === 1) {
      focusNode(hits[0].id, false);
    } else {
      results.appendChild(el("p", "mb-1", T.matches));
      const list = el("ul", "list-inline mb-2");
      hits.slice(0, 12).forEach((n) => {
        const li = el("li", "list-inline-item");
        li.appendChild(focusButton(n.id, `${n.l} (${T.kind[n.k]})`));
        list.appendChild(li);
      });
      results.appendChild(list);
    }
  });

  document.getElementById("network-fit").addEventListener("click", () => network.fit());

  document.getElementById("network-png").addEventListener("click", () => {
    const canvas = container.querySelector("canvas");
    const out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    const context = out.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(canvas, 0, 0);
    const link = document.createElement("a");
    link.href = out.toDataURL("image/png");
    link.download = `netwerk-${data.period}.png`;
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".network-focus");
    if (!button) return;
    focusNode(button.dataset.node, true);
    container.scrollIntoView({ block: "nearest" });
  });

  detailHeading.tabIndex = -1;
  network.once("afterDrawing", () => {
    document
      .querySelectorAll("#network-search input, #network-search button, #network-fit, #network-png, .network-focus, input[name='network-colour']")
      .forEach((control) => {
        control.disabled = false;
      });
    document.body.dataset.networkReadyMs = String(Math.round(performance.now()));
    document.body.dataset.networkReady = "1";
  });
})();
