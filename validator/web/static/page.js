// The page of `delib serve`: checks the text while the clerk types and draws the findings.
// Text of the act is only ever put in the page as text (textContent), never as HTML.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const texte = $("texte"), fond = $("fond"), liste = $("liste"), etat = $("etat"), alerte = $("alerte");
  const HEADERS = { "X-Delib": "1" };
  let nom = "texte.txt", timer = null, pending = null, checked = null, docs = new Map();

  function say(message) { alerte.textContent = message; alerte.hidden = !message; }

  function schedule(delay = 250) {
    clearTimeout(timer);
    etat.textContent = "Vérification…";
    timer = setTimeout(check, delay);
  }

  async function check() {
    if (pending) pending.abort();  // a newer text makes the older answer useless
    const sent = texte.value, controller = new AbortController();
    pending = controller;
    try {
      const answer = await post("/api/verifier", JSON.stringify({ texte: sent, profil: $("profil").value, nom }),
        { "Content-Type": "application/json" }, controller.signal);
      if (texte.value === sent) show(sent, answer);  // stale answers are dropped
    } catch (e) { if (e.name !== "AbortError") say(e.message); }
  }

  async function post(url, body, headers, signal) {
    const response = await fetch(url, { method: "POST", body, headers: { ...HEADERS, ...headers }, signal });
    const data = await response.json();
    if (!response.ok) throw new Error(data.erreur || `erreur ${response.status}`);
    return data;
  }

  function show(text, answer) {
    say("");
    checked = { text, answer };
    drawUnderlines(text, answer.diagnostics);
    drawList(answer.diagnostics);
    const c = answer.counts;
    etat.textContent = text ? `${c.error} erreur(s), ${c.warning} avertissement(s), ${c.info} info(s).` : "Aucun texte.";
    $("resume").innerHTML = answer.resume;  // rendered by the server with every value escaped
  }

  function drawUnderlines(text, diagnostics) {
    fond.replaceChildren();
    let at = 0;
    const sorted = diagnostics.map((d, i) => ({ ...d, i })).sort((a, b) => a.from - b.from);
    for (const d of sorted) {
      if (d.from < at) continue;  // overlapping findings: the first one is drawn, every one is listed
      fond.append(text.slice(at, d.from));
      const mark = document.createElement("mark");
      mark.className = d.severity;
      mark.dataset.index = d.i;
      mark.textContent = text.slice(d.from, Math.max(d.to, d.from + 1));
      fond.append(mark);
      at = Math.max(d.to, d.from + 1);
    }
    fond.append(text.slice(at) + "\n");
    fond.scrollTop = texte.scrollTop;
  }

  function drawList(diagnostics) {
    liste.replaceChildren(...diagnostics.map((d, i) => {
      const li = document.createElement("li");
      li.className = d.severity;
      const go = document.createElement("button");
      go.type = "button";
      go.className = "aller";
      const where = d.page ? `page ${d.page}, ligne ${d.line}` : `ligne ${d.line}, colonne ${d.column}`;
      const level = document.createElement("span");
      level.className = "niveau";
      level.textContent = d.label;
      go.append(level, ` — ${where} : ${d.message} [${d.rule}]`);
      go.addEventListener("click", () => reveal(d, i));
      li.append(go);
      if (d.remedy) {
        const p = document.createElement("p");
        p.className = "remede";
        p.textContent = `À faire : ${d.remedy}`;
        li.append(p);
      }
      if (d.fix) {
        const fix = document.createElement("button");
        fix.type = "button";
        fix.className = "corriger";
        fix.textContent = `Corriger : ${d.fix.title}`;
        fix.addEventListener("click", () => apply(d.fix));
        li.append(fix);
      }
      li.append(documentation(d.rule));
      return li;
    }));
  }

  function documentation(rule) {
    const details = document.createElement("details"), summary = document.createElement("summary"), pre = document.createElement("pre");
    summary.textContent = `Documentation de la règle ${rule}`;
    details.append(summary, pre);
    details.addEventListener("toggle", async () => {
      if (!details.open || pre.textContent) return;
      if (!docs.has(rule)) docs.set(rule, fetch(`/api/regles/${encodeURIComponent(rule)}`).then((r) => r.text()));
      pre.textContent = await docs.get(rule);
    });
    return details;
  }

  function reveal(d, i) {
    const mark = fond.querySelector(`mark[data-index="${i}"]`);
    if (mark) texte.scrollTop = Math.max(0, mark.offsetTop - texte.clientHeight / 3);
    fond.scrollTop = texte.scrollTop;
    texte.focus({ preventScroll: true });
    texte.setSelectionRange(d.from, Math.max(d.to, d.from));
  }

  function apply(fix) {
    if (!checked || checked.text !== texte.value) { say("Le texte a changé depuis la vérification : attendez la nouvelle vérification."); return; }
    let text = texte.value;
    for (const e of [...fix.edits].sort((a, b) => b.from - a.from)) text = text.slice(0, e.from) + e.text + text.slice(e.to);
    texte.value = text;
    check();
  }

  async function upload(file) {
    if (!file) return;
    const form = new FormData();
    form.append("fichier", file);
    form.append("profil", $("profil").value);
    etat.textContent = `Lecture de ${file.name}…`;
    try {
      const answer = await post("/api/fichier", form, {});
      nom = answer.nom;
      texte.value = answer.texte;
      show(answer.texte, answer);
    } catch (e) { say(e.message); etat.textContent = "Fichier non vérifié."; }
  }

  texte.addEventListener("input", () => schedule());
  texte.addEventListener("scroll", () => { fond.scrollTop = texte.scrollTop; });
  $("profil").addEventListener("change", () => schedule(0));
  $("fichier").addEventListener("change", (e) => upload(e.target.files[0]));
  const zone = $("zone");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("survol"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("survol"));
  zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("survol"); upload(e.dataTransfer.files[0]); });
  $("telecharger").addEventListener("click", () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([texte.value], { type: "text/plain;charset=utf-8" }));
    link.download = nom.replace(/\.[^.]*$/, "") + ".txt";
    link.click();
    URL.revokeObjectURL(link.href);
  });
  $("imprimer").addEventListener("click", () => window.print());
})();
