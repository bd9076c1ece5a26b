// What the admin pages with a side drawer share: [data-open-drawer], [data-close-drawer], Escape, and [data-copy]
// buttons for a secret shown once. A page calls openDrawer() to reopen it with field errors.
(() => {
    const body = document.body;
    window.openDrawer = () => { body.classList.add('drawer-open'); document.querySelector('.drawer input[type=text]')?.focus(); };
    const close = () => body.classList.remove('drawer-open');
    document.querySelectorAll('[data-open-drawer]').forEach(b => b.addEventListener('click', window.openDrawer));
    document.querySelectorAll('[data-close-drawer]').forEach(b => b.addEventListener('click', close));
    document.addEventListener('keydown', e => { if (e.key === 'Escape') close(); });
    document.querySelectorAll('[data-copy]').forEach(b => b.addEventListener('click', async () => {
        const secret = document.querySelector(b.dataset.copy);
        try {
            await navigator.clipboard.writeText(secret.textContent.trim());
        } catch {
            // Clipboard API needs a secure context; select the text so Ctrl+C still works.
            getSelection().selectAllChildren(secret);
            document.execCommand('copy');
        }
        b.textContent = 'Copied';
    }));
})();
