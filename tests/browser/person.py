"""Driving pages as a person would: with the mouse, or with the keyboard alone.

`Person(page, keyboard=True)` reaches every control it uses with Tab and
activates it with Enter (Space for checkboxes and radios), and checks on the
way that every element the focus lands on shows where it is: the site's
`:focus-visible` outline (or a box shadow), on an element big enough to see.
`Person(page, keyboard=False)` clicks and fills, as the older journeys do.
"""

from playwright.sync_api import expect

# How many Tab presses may separate two controls a journey uses in a row
# (a long thread page has about eight stops a post).
MAX_TABS = 250

FOCUS_STATE = """([target]) => {
  const el = document.activeElement;
  if (!el || el === document.body) return {hit: false, none: true};
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {
    hit: el === target,
    none: false,
    visible: el.matches(":focus-visible") && (outline || shadow) && box.width >= 2 && box.height >= 2,
    outline: style.outlineStyle + " " + style.outlineWidth + " " + style.outlineColor,
    what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " "
      + JSON.stringify((el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40)),
  };
}"""


class FocusNotShown(AssertionError):
    pass


class Person:
    def __init__(self, page, *, keyboard):
        self.page = page
        self.keyboard = keyboard

    def __repr__(self):
        return f"Person(keyboard={self.keyboard})"

    # -- Moving the focus ---------------------------------------------------------------

    def tab_to(self, locator):
        """Press Tab until `locator` has the focus; every stop on the way must show it."""
        expect(locator).to_have_count(1)
        target = locator.element_handle()
        hidden = []
        # Already there (a form that opened with the cursor in it): no Tab needed.
        already = self.page.evaluate(FOCUS_STATE, [target])
        for press in range(MAX_TABS):
            if press or not already["hit"]:
                self.page.keyboard.press("Tab")
                state = self.page.evaluate(FOCUS_STATE, [target])
            else:
                state = already
            if state["none"]:
                continue  # focus left the page (it wraps round to the top)
            if not state["visible"]:
                hidden.append(f"{state['what']} (outline: {state['outline']})")
            if state["hit"]:
                break
        else:
            raise AssertionError(f"{MAX_TABS} presses of Tab never reached {locator}")
        if hidden:
            raise FocusNotShown("focus was not visible on: " + "; ".join(hidden))
        expect(locator).to_be_focused()
        return locator

    # -- Doing things ---------------------------------------------------------------------

    def click(self, locator):
        """Follow a link, press a button or open a summary."""
        if self.keyboard:
            self.tab_to(locator)
            self.page.keyboard.press("Enter")
        else:
            locator.click()

    def fill(self, locator, text):
        if self.keyboard:
            self.tab_to(locator)
            self.page.keyboard.press("ControlOrMeta+a")
            self.page.keyboard.insert_text(text)
        else:
            locator.fill(text)
        expect(locator).to_have_value(text)

    def check(self, locator):
        """Tick a checkbox or choose a radio button."""
        if self.keyboard:
            self.tab_to(locator)
            self.page.keyboard.press("Space")
        else:
            locator.check()
        expect(locator).to_be_checked()

    def choose(self, name, locator_scope=None):
        """Choose the radio button labelled `name`: Tab reaches the group, arrows move in it."""
        scope = locator_scope or self.page
        radio = scope.get_by_label(name)
        if not self.keyboard:
            radio.check()
        else:
            # Tab stops once in a radio group (on the checked one, or the first);
            # the arrow keys move between its buttons.
            group = radio.get_attribute("name")
            radios = scope.locator(f'input[type="radio"][name="{group}"]')
            first = radios.first
            checked = scope.locator(f'input[type="radio"][name="{group}"]:checked')
            self.tab_to(checked if checked.count() else first)
            for _ in range(radios.count()):
                if radio.evaluate("el => el === document.activeElement"):
                    break
                self.page.keyboard.press("ArrowDown")
            self.page.keyboard.press("Space")
        expect(radio).to_be_checked()

    def select(self, locator, **option):
        """Choose from a list: reached with Tab (the option itself is then set directly; arrow
        keys would do the same in a closed list)."""
        if self.keyboard:
            self.tab_to(locator)
        locator.select_option(**option)
