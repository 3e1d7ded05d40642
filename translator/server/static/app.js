// vietrans web app: no build step, no outside resources. Every text from an article or a
// glossary reaches the page through textContent / value, never as HTML.
"use strict";

const $ = (selector) => document.querySelector(selector);

function csrf() {
  const match = document.cookie.match(/(?:^|; )vietrans_csrf=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : "";
}

async function call(path, options = {}) {
  const init = { credentials: "same-origin", ...options, headers: { "X-CSRF-Token": csrf(), ...(options.headers || {}) } };
  if (init.json !== undefined) {
    init.body = JSON.stringify(init.json);
    init.headers["Content-Type"] = "application/json";
    delete init.json;
  }
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || data.message || response.statusText);
  return data;
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text == null ? "" : String(text);
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function say(element, text, isError) {
  element.textContent = text;
  element.classList.toggle("error", Boolean(isError));
}

// Tabs

function showTab(name) {
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  document.querySelectorAll(".tab").forEach((s) => { s.hidden = s.id !== `tab-${name}`; });
  if (name === "history") loadHistory();
  if (name === "glossary") searchGlossary();
}

// Translate and review

let current = null; // the job shown

async function startTranslation() {
  const status = $("#status");
  const form = new FormData();
  const urls = $("#urls").value;
  if (urls.trim()) return startBatch(urls);
  const text = $("#source").value;
  if (text.trim()) form.append("text", text);
  for (const file of $("#file").files) form.append("file", file, file.name);
  if (!text.trim() && !$("#file").files.length) return say(status, "Chưa có gì để dịch · Nothing to translate", true);
  say(status, "Đang dịch… · Translating…");
  try {
    const jobs = await call("/api/jobs", { method: "POST", body: form });
    await waitFor(jobs[0].id);
    if (jobs.length > 1) say(status, `${jobs.length} tệp · files: xem Lịch sử · see History`);
  } catch (err) {
    say(status, err.message, true);
  }
}

async function startBatch(urls) {
  const status = $("#status");
  const form = new FormData();
  form.append("urls", urls);
  say(status, "Đang tải và dịch… · Fetching and translating…");
  try {
    const started = await call("/api/jobs", { method: "POST", body: form });
    for (;;) {
      const batch = await call(`/api/batches/${encodeURIComponent(started.batch)}`);
      say(status, `${batch.done + batch.error}/${batch.total} bài · articles (${batch.error} lỗi · failed)`);
      if (batch.done + batch.error === batch.total) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    showTab("history");
  } catch (err) {
    say(status, err.message, true);
  }
}

async function waitFor(id) {
  for (;;) {
    const job = await call(`/api/jobs/${encodeURIComponent(id)}`);
    if (["done", "error", "interrupted"].includes(job.status)) return showJob(job);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function showJob(job) {
  current = job;
  showTab("translate");
  const status = $("#status");
  if (job.status === "error" || job.status === "interrupted") {
    $("#job").hidden = true;
    return say(status, job.error, true);
  }
  if (job.pruned) {
    $("#job").hidden = true;
    return say(status, "Tệp của việc này đã bị xoá khỏi lịch sử · This job's files were pruned from the history", true);
  }
  say(status, "");
  $("#job").hidden = false;
  $("#job-title").textContent = job.title || job.name;
  $("#job-info").textContent =
    `${job.sentences} câu · sentences, ${job.flagged} có cờ · flagged, ${job.reviewed} đã duyệt · reviewed` +
    (job.warnings && job.warnings.length ? ` — ${job.warnings.join("; ")}` : "");
  const downloads = $("#downloads");
  downloads.replaceChildren();
  for (const fmt of job.formats) {
    const a = document.createElement("a");
    a.href = `/api/jobs/${encodeURIComponent(job.id)}/export/${encodeURIComponent(fmt)}`;
    a.textContent = fmt;
    downloads.appendChild(a);
  }
  const body = $("#sentences tbody");
  body.replaceChildren();
  for (const row of job.rows) {
    const tr = document.createElement("tr");
    tr.dataset.n = row.n;
    tr.dataset.id = row.id;
    tr.dataset.target = row.target;
    if (row.flags.length) tr.classList.add("flagged");
    if (row.reviewed) tr.classList.add("reviewed");
    cell(tr, row.n);
    cell(tr, row.source, "source");
    const english = cell(tr, "");
    const area = document.createElement("textarea");
    area.className = "english";
    area.value = row.target;
    area.setAttribute("aria-label", `English ${row.n}`);
    english.appendChild(area);
    if (row.reviewed) {
      const tag = document.createElement("span");
      tag.className = "status-tag";
      tag.textContent = row.reviewed === "approved" ? "đã duyệt · approved" : "đã sửa · corrected";
      english.appendChild(tag);
    }
    const terms = row.terms.map((t) => `${t.vi} → ${t.en}${t.enforced ? "" : " (thiếu · missing)"}`);
    cell(tr, [...row.flags, ...terms].join("; "), "flags");
    const approve = document.createElement("input");
    approve.type = "checkbox";
    approve.className = "approve";
    approve.setAttribute("aria-label", `Approve ${row.n}`);
    cell(tr, "").appendChild(approve);
    const comment = document.createElement("input");
    comment.className = "comment";
    comment.setAttribute("aria-label", `Comment ${row.n}`);
    cell(tr, "").appendChild(comment);
    body.appendChild(tr);
  }
  $("#review-result").replaceChildren();
}

async function saveReview() {
  const rows = [];
  for (const tr of document.querySelectorAll("#sentences tbody tr")) {
    const english = tr.querySelector(".english").value;
    const approved = tr.querySelector(".approve").checked;
    const comment = tr.querySelector(".comment").value;
    if (english !== tr.dataset.target || approved || comment.trim()) {
      rows.push({ n: Number(tr.dataset.n), id: tr.dataset.id, english, status: approved ? "approved" : "", comment });
    }
  }
  const out = $("#review-result");
  if (!rows.length) return say(out, "Chưa sửa gì · Nothing changed", true);
  try {
    const result = await call(`/api/jobs/${encodeURIComponent(current.id)}/review`, { method: "POST", json: { rows } });
    const job = await call(`/api/jobs/${encodeURIComponent(current.id)}`);
    showJob(job);
    const lines = [`Đã lưu · Saved: ${result.corrected} sửa · corrected, ${result.approved} duyệt · approved`];
    for (const problem of [...result.problems, ...result.notes]) lines.push(problem);
    out.replaceChildren(...lines.map((line) => { const p = document.createElement("p"); p.textContent = line; return p; }));
  } catch (err) {
    say(out, err.message, true);
  }
}

// History

async function loadHistory() {
  const body = $("#jobs tbody");
  const jobs = await call("/api/jobs");
  body.replaceChildren();
  for (const job of jobs) {
    const tr = document.createElement("tr");
    cell(tr, job.name);
    const ended = job.status === "error" || job.status === "interrupted";
    const pruned = job.pruned ? " · đã xoá tệp · files pruned" : "";
    const state = cell(tr, (ended ? `${job.status}: ${job.error}` : job.status) + pruned);
    if (ended && !job.pruned) {
      const again = document.createElement("button");
      again.type = "button";
      again.textContent = "Dịch lại · Re-run";
      again.addEventListener("click", async (event) => {
        event.stopPropagation();
        await call(`/api/jobs/${encodeURIComponent(job.id)}/rerun`, { method: "POST" });
        loadHistory();
      });
      state.append(" ", again);
    }
    cell(tr, job.sentences);
    cell(tr, job.flagged);
    cell(tr, job.reviewed);
    cell(tr, new Date(job.created * 1000).toLocaleString());
    tr.addEventListener("click", () => waitFor(job.id));
    body.appendChild(tr);
  }
}

// Glossary

async function searchGlossary() {
  const body = $("#gentries tbody");
  try {
    const data = await call(`/api/glossary?q=${encodeURIComponent($("#gq").value)}`);
    body.replaceChildren();
    for (const entry of data.entries) {
      const tr = document.createElement("tr");
      cell(tr, entry.vi);
      cell(tr, entry.en);
      cell(tr, entry.note);
      cell(tr, entry.source);
      const actions = cell(tr, "");
      const edit = document.createElement("button");
      edit.type = "button";
      edit.textContent = entry.editable ? "Sửa · Edit" : "Ghi đè · Override";
      edit.addEventListener("click", () => fillForm(entry));
      actions.appendChild(edit);
      if (entry.editable) {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "remove";
        remove.textContent = "Xoá · Remove";
        remove.addEventListener("click", () => removeEntry(entry.vi.split(" | ")[0]));
        actions.appendChild(remove);
      }
      body.appendChild(tr);
    }
  } catch (err) {
    say($("#gstatus"), err.message, true);
  }
}

function fillForm(entry) {
  $("#g-vi").value = entry.vi.split(" | ").join("|");
  $("#g-en").value = entry.en;
  $("#g-note").value = entry.note;
  $("#g-domain").value = entry.domain;
  $("#g-replace").checked = entry.editable;
}

async function saveEntry(event) {
  event.preventDefault();
  const form = event.target;
  const json = {
    vi: form.vi.value, en: form.en.value, note: form.note.value, domain: form.domain.value,
    replace: form.replace.checked ? "true" : "",
  };
  try {
    await call("/api/glossary", { method: "POST", json });
    say($("#gstatus"), `Đã lưu · Saved: ${json.vi} → ${json.en}`);
    form.reset();
    searchGlossary();
  } catch (err) {
    say($("#gstatus"), err.message, true);
  }
}

async function removeEntry(vi) {
  try {
    await call("/api/glossary/remove", { method: "POST", json: { vi } });
    say($("#gstatus"), `Đã xoá · Removed: ${vi}`);
    searchGlossary();
  } catch (err) {
    say($("#gstatus"), err.message, true);
  }
}

async function importGlossary() {
  const file = $("#gimport").files[0];
  if (!file) return say($("#gstatus"), "Chọn tệp · Choose a file", true);
  const form = new FormData();
  form.append("file", file, file.name);
  try {
    const result = await call("/api/glossary/import", { method: "POST", body: form });
    say($("#gstatus"), `Đã nhập · Imported: ${result.imported}`);
    searchGlossary();
  } catch (err) {
    say($("#gstatus"), err.message, true);
  }
}

async function start() {
  document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  $("#translate").addEventListener("click", startTranslation);
  $("#save-review").addEventListener("click", saveReview);
  $("#gsearch").addEventListener("click", searchGlossary);
  $("#gq").addEventListener("keydown", (e) => { if (e.key === "Enter") searchGlossary(); });
  $("#gform").addEventListener("submit", saveEntry);
  $("#gimport-go").addEventListener("click", importGlossary);
  try {
    const status = await call("/api/status");
    const model = $("#model");
    model.textContent = `Mô hình · Model: ${status.model}`;
    model.classList.toggle("test", status.test_model);
  } catch (err) {
    say($("#model"), err.message, true);
  }
}

document.addEventListener("DOMContentLoaded", start);
