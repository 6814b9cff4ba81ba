from django.utils.functional import SimpleLazyObject

from helplines.selectors import country_for_request, help_lines_for_country


def help_lines(request):
    # Lazy: pages that never show the footer (feeds, JSON) pay nothing.
    return {"help_lines": SimpleLazyObject(lambda: help_lines_for_country(country_for_request(request)))}
