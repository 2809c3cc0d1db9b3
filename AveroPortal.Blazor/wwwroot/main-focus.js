// Focus on <main> where a page load would not put it. After an enhanced navigation between static pages
// (blazor.web.js swaps the content without a page load) focus moves to <main>, as MainLayout does inside an interactive
// circuit; a real page load leaves focus alone, so the first Tab reaches the skip link. Only a new address counts: an
// enhanced form answer on the same page keeps its focus.
(() => {
    const focusMain = options => document.getElementById('main')?.focus(options);
    let shown = location.pathname + location.search;
    Blazor.addEventListener('enhancedload', () => {
        const now = location.pathname + location.search;
        if (now !== shown) {
            shown = now;
            focusMain({ preventScroll: true });
        }
    });
    // blazor.web.js handles same-page links itself (it scrolls, but does not move focus), so the skip link would
    // leave focus on itself and the next Tab would go into the header again.
    document.addEventListener('click', event => {
        if (event.target instanceof Element && event.target.closest('a.skip-link')) {
            focusMain();
        }
    });
})();
