from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from endings import views
from endings.articles.sitemaps import SITEMAPS

admin.site.site_header = "Endings administration"
admin.site.site_title = "Endings admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("help/", views.get_help, name="help"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.urls")),
    path("stories/", include("forum.urls")),
    path("articles/", include("endings.articles.urls")),
    path("email/", include("endings.digests.urls")),
    path("moderation/", include("forum.moderation_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "endings.views.bad_request"
handler403 = "endings.views.permission_denied"
handler404 = "endings.views.page_not_found"
# handler500 stays Django's: it renders templates/500.html without a request
# context, so that page is written to need nothing that could itself fail.
