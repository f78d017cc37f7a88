"""URL map: the finder, the library, sessions, the diary, the API and a health check."""

from django.urls import include, path

from knotwork.web.api.views import api
from knotwork.web.diary import summary as diary_summary
from knotwork.web.diary import views as diary
from knotwork.web.finder import views as finder
from knotwork.web.library import views as library
from knotwork.web.routines import views as routines

urlpatterns = [
    path("", finder.finder, name="finder"),
    path("results/", finder.results, name="finder-results"),
    path("results.pdf", finder.results_pdf, name="finder-pdf"),
    path("closeups/", finder.closeups, name="finder-closeups"),
    path("regions/", finder.regions_index, name="regions"),
    path("regions/<str:region_id>/", finder.region_page, name="region"),
    path("spots/", library.spots, name="spots"),
    path("spots/<int:number>/", library.spot, name="spot"),
    path("muscles/", library.muscles, name="muscles"),
    path("muscles/<slug:muscle_id>/", library.muscle, name="muscle"),
    path("muscles/<slug:muscle_id>/<slug:point_id>/", library.trigger_point, name="trigger-point"),
    path("session/", routines.session, name="session"),
    path("session/pdf/", routines.session_pdf, name="session-pdf"),
    path("diary/", diary.today, name="diary"),
    path("diary/sessions/new/", diary.session_new, name="diary-session-new"),
    path("diary/sessions/timed/", diary.session_timed, name="diary-session-timed"),
    path("diary/sessions/<uuid:session_id>/", diary.session_detail, name="diary-session"),
    path(
        "diary/sessions/<uuid:session_id>/update/",
        diary.session_update,
        name="diary-session-update",
    ),
    path(
        "diary/sessions/<uuid:session_id>/delete/",
        diary.session_delete,
        name="diary-session-delete",
    ),
    path("diary/helps/", diary.helps, name="diary-helps"),
    path("diary/summary/", diary_summary.summary, name="diary-summary"),
    path("diary/maps/", diary.pain_maps, name="diary-maps"),
    path("diary/maps/new/", diary.pain_map_new, name="diary-map-new"),
    path("diary/maps/<uuid:map_id>/delete/", diary.pain_map_delete, name="diary-map-delete"),
    path("diary/questionnaires/", diary.questionnaires, name="diary-questionnaires"),
    path("diary/tests/", diary.experiments, name="diary-tests"),
    path("diary/tests/<uuid:test_id>/", diary.experiment, name="diary-test"),
    path(
        "diary/questionnaires/<slug:instrument>/",
        diary.questionnaire,
        name="diary-questionnaire",
    ),
    path("diary/data/", diary.data, name="diary-data"),
    path("diary/export/<slug:fmt>/", diary.export, name="diary-export"),
    path("diary/delete/", diary.delete_everything, name="diary-delete"),
    path("diary/account/delete/", diary.delete_account, name="diary-account-delete"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("healthz", finder.healthz, name="healthz"),
]
