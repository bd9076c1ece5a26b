// The app page's datetime inputs hold local times: send the browser's time zone with them, and say which it is.
(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    document.querySelectorAll("input[name=tz]").forEach(input => { input.value = zone; });
    document.querySelectorAll(".tz").forEach(label => { label.textContent = zone; });
})();
