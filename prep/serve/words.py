"""Every word of the workshop view's page (`prep serve`, `prep render -f html`): the
English here, the Japanese in the message catalogue (prep/locale, prep.i18n). The
page speaks Japanese when prep does (--lang ja, PREP_LANG, the locale) or, otherwise,
the model's language; the command's `--lang` overrides. The page's script and its
HTML carry English only as a fallback; what they show comes from this one table
(sent with each model's data as `words`). `{name}` marks are filled in by the page."""

from __future__ import annotations

from prep.i18n import N_, gettext_in, language

ENGLISH = {
    "model": N_("Model"),
    "zoom_in": N_("Zoom in (+)"),
    "zoom_out": N_("Zoom out (-)"),
    "fit": N_("Fit"),
    "fit_title": N_("Fit the drawing to the window (f)"),
    "present": N_("Present"),
    "leave": N_("Leave"),
    "present_title": N_("Full-screen presentation mode (p; Esc leaves; arrows step)"),
    "tabs": N_("What the drawing area shows"),
    "tab_drawing": N_("Process"),
    "tab_drawing_title": N_("The process drawing (k switches)"),
    "tab_kpi": N_("KPI tree"),
    "tab_kpi_title": N_("The KPI tree drawing, as prep kpi -f svg"),
    "tab_compare": N_("KPI AsIs → ToBe"),
    "tab_compare_title": N_("The AsIs and ToBe KPI trees side by side, as prep kpi --tobe"),
    "tab_diff": N_("AsIs → ToBe"),
    "tab_diff_title": N_("The diff picture, as prep diff -o diff.svg"),
    "product": N_("Product"),
    "findings": N_("Findings"),
    "kpi_tree": N_("KPI tree"),
    "as_list": N_("(as a list)"),
    "diff": N_("AsIs → ToBe"),
    "hover": N_("Hover over a product, or click it to keep it selected."),
    "kind": N_("kind"),
    "actor": N_("actor"),
    "parameters": N_("parameters"),
    "state": N_("state"),
    "kpis": N_("KPIs"),
    "issues": N_("issues"),
    "doc": N_("doc"),
    "fed_by": N_("fed by"),
    "feeds": N_("feeds"),
    "sync": N_("sync"),
    "defined_at": N_("defined at"),
    "about": N_("about"),
    "see": N_("see"),
    "hint": N_("hint: "),
    "at": N_("{code} at {where}"),
    "no_findings": N_("No findings."),
    "no_tree": N_("No tree (the model cannot be read)."),
    "tree_stale": N_("The last good tree: the model cannot be read now."),
    "no_diff": N_("No differences."),
    "diff_stale": N_("{file} has errors: the diff of the last good versions."),
    "diff_none": N_("{file} has errors; no diff until they are fixed."),
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "products": N_("products"),
    "externals": N_("externals"),
    "actors": N_("actors"),
    "relations": N_("relations"),
    "touches": N_("touches"),
    "errors_in": N_("{n} errors in {file}"),
    "error_in": N_("1 error in {file}"),
    "not_drawn": N_("The drawing could not be made"),
    "last_good": N_(" — showing the last good drawing"),
    "nothing_yet": N_(" — nothing to draw yet"),
    "renamed": N_("{file} was renamed to {to} — the last drawing stays until you choose another model"),
    "deleted": N_("{file} was deleted or renamed — the last drawing stays until you choose another model"),
    "open": N_("open {file}"),
    "gone": N_("{file} (gone)"),
    "live": N_("live: the view follows every save"),
    "live_empty": N_("live: no .prep files here yet: save one and it appears"),
    "offline": N_("offline copy"),
    "reconnecting": N_("reconnecting…"),
    "cannot_load": N_("cannot load {file}: {error}"),
    "drawing_kpi": N_("Drawing the KPI tree…"),
    "drawing_diff": N_("Drawing the diff…"),
    "no_kpi_copy": N_("No KPI tree drawing in this copy."),
    "kpi_of": N_("The KPI tree of {file} (prep kpi {file})"),
    "compare_of": N_("AsIs {asis} beside ToBe {tobe} (prep kpi {asis} --tobe {tobe})"),
    "diff_of": N_("AsIs {asis} → ToBe {tobe} (prep diff {asis} {tobe})"),
    "stale_drawing": N_(" — showing the last good drawing: {error}"),
    "nothing": N_(" — nothing to draw"),
    "nothing_because": N_(" — nothing to draw: {error}"),
    "has_errors": N_("{file} has errors"),
    "step": N_("{n} / {of}"),
}
# The element kinds the page names; English shows the keyword itself.
KIND_WORDS = {
    "product": N_("product"),
    "milestone": N_("milestone"),
    "final": N_("final"),
    "intangible": N_("intangible"),
    "external": N_("external"),
    "goal": N_("goal"),
    "kpi": N_("kpi"),
    "kgi": N_("kgi"),
    "service": N_("service"),
    "supplemented": N_("supplemented"),
    "intervention": N_("intervention point"),
    "issue": N_("issue"),
}

PAGE = {"en": ENGLISH, "ja": {key: gettext_in("ja", text) for key, text in ENGLISH.items()}}
KINDS = {
    "en": {"intervention": "intervention point"},
    "ja": {key: gettext_in("ja", text) for key, text in KIND_WORDS.items()},
}


def page_words(graphs, lang: str = "auto") -> dict:
    """The page's words for a model: in `lang`; with "auto", in Japanese when prep
    speaks Japanese, else in the model's language (Japanese when its names are), as
    its drawings are."""
    from prep.notation import language_of

    if lang == "auto" and language() == "ja":
        lang = "ja"
    try:
        chosen = language_of(graphs, lang)
    except ValueError:
        chosen = "en"
    return {"lang": chosen, **PAGE[chosen], "kinds": KINDS[chosen]}
