// Copy and print for the recovery codes (RecoveryCodeList.razor). A file of its own: the policy allows no inline script.
document.addEventListener('click', async (event) => {
    const copy = event.target.closest('[data-recovery-copy]');
    const status = document.querySelector('[data-recovery-status]');
    if (copy) {
        try {
            await navigator.clipboard.writeText(copy.getAttribute('data-recovery-copy'));
            if (status) { status.textContent = copy.getAttribute('data-copied'); }
        } catch {
            // No clipboard (an insecure origin, or refused): the codes stay on the page to select by hand.
        }
    }
    if (event.target.closest('[data-recovery-print]')) {
        window.print();
    }
});
