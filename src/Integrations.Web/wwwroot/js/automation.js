// The builder: a picker that changes what the form shows (trigger type, connection, action) posts the form back to be
// shown again with the change, as the "Update" button would; nothing is saved until "Save".
(() => {
    const refresh = document.getElementById("refresh");
    if (!refresh) return;
    document.querySelectorAll("[data-refresh]").forEach(select => {
        select.addEventListener("change", () => refresh.click());
    });
})();
