"""The portal's situation, area, action and walk addresses, included under
/portal/."""

from django.urls import path

from members.areas import views

urlpatterns = [
    path("situation/", views.situation, name="situation"),
    path("situation/trend.svg", views.situation_chart, name="situation_chart"),
    path("situation/report/", views.report, name="situation_report"),
    path("areas/", views.area_list, name="areas"),
    path("areas/<slug:slug>/", views.area_detail, name="area"),
    path("areas/<slug:slug>/trend.svg", views.area_chart, name="area_chart"),
    path("actions/", views.action_list, name="actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("walks/", views.walk_list, name="walks"),
    path("walks/<int:pk>/", views.walk_detail, name="walk"),
    path("walks/<int:pk>/owner/", views.walk_owner, name="walk_owner"),
    path("walks/<int:pk>/summary/", views.walk_summary, name="walk_summary"),
    path(
        "walks/<int:pk>/summary.pdf",
        views.walk_summary_pdf,
        name="walk_summary_pdf",
    ),
    path("quick-report/", views.quick_report, name="quick_report"),
    path("quick-report/area/", views.quick_report_area, name="quick_report_area"),
    path(
        "observations/<int:pk>/action/",
        views.observation_action,
        name="observation_action",
    ),
    path(
        "observations/<int:pk>/photo/",
        views.observation_photo,
        name="observation_photo",
    ),
]
