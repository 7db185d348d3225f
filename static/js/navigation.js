// The header menu is a <details> that stylesheets keep open from 48rem wide
// (::details-content). Browsers without that selector get it opened here.
(function () {
    "use strict";
    if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) {
        return;
    }
    var menu = document.querySelector(".site-menu");
    if (!menu || !window.matchMedia) {
        return;
    }
    var wide = window.matchMedia("(min-width: 48rem)");
    function sync() {
        menu.open = wide.matches;
    }
    sync();
    if (wide.addEventListener) {
        wide.addEventListener("change", sync);
    }
})();
