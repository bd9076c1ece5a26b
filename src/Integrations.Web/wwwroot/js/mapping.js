// The mapping editor of the inbound source and connector pages: "Add field" adds a row, and each record's field
// suggestions, natural-key choice and id path follow its object and upsert choice.
(() => {
    document.querySelectorAll('[data-mapping-record]').forEach(record => {
        const object = record.querySelector('[data-mapping-object]');
        const upsert = record.querySelector('[data-mapping-upsert]');
        const idPath = record.querySelector('[data-mapping-upsert-path]');
        const rows = record.querySelector('tbody');
        const sync = () => {
            upsert.querySelectorAll('option[data-object]').forEach(o => o.hidden = o.dataset.object !== object.value);
            if (upsert.selectedOptions[0]?.hidden) upsert.value = 'none';
            idPath.hidden = !['id', 'external_id'].includes(upsert.value);
            rows.querySelectorAll('input[list]').forEach(input => input.setAttribute('list', `mapping-fields-${object.value}`));
        };
        object.addEventListener('change', sync);
        upsert.addEventListener('change', sync);
        record.querySelector('[data-add-row]').addEventListener('click', () => {
            const row = rows.rows[rows.rows.length - 1].cloneNode(true);
            const index = rows.rows.length;
            row.querySelectorAll('[name]').forEach(input => {
                input.name = input.name.replace(/Fields\[\d+\]/, `Fields[${index}]`);
                if (input.type === 'checkbox') input.checked = false;
                else if (input.tagName === 'SELECT') input.selectedIndex = 0;
                else input.value = '';
            });
            // Labels end in the row's number: "Target field 3", "Linked record 1, row 3: …" (the last number).
            row.querySelectorAll('[aria-label]').forEach(e => e.setAttribute('aria-label', e.getAttribute('aria-label').replace(/\d+(?!.*\d)/, index + 1)));
            row.querySelectorAll('.field-error').forEach(e => e.textContent = '');
            rows.appendChild(row);
            row.querySelector('input').focus();
        });
    });
})();
