"use strict";
document.getElementById("search").addEventListener("submit", async (e) => {
  e.preventDefault();
  const q = document.getElementById("q").value;
  const out = document.getElementById("results");
  const r = await fetch("/api/search?q=" + encodeURIComponent(q));
  const j = await r.json();
  out.textContent = "";
  if (j.error) { out.textContent = j.error.message; return; }
  for (const h of j.results) {
    const p = document.createElement("p");
    p.textContent = (h.number || h.type || "") + " — " + (h.snippet || "");
    out.appendChild(p);
  }
});
