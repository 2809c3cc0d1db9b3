# Texts of the responsive layout (issue 14): the menu of the header on small screens.
T = [
 ("MenuToggle", "Menu", "Menu"),
]
