"""The member portal's addresses, under /portal/ in every language."""

from django.urls import path

from members.areas import views as area_views
from members.contributions import einvoice_views
from members.contributions import views as contribution_views
from members.enrolment import views as enrolment_views
from members.meetings import views as meeting_views
from members.notifications import views as notification_views
from members.organisations import views
from members.proposals import views as proposal_views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation"),
    path(
        "organisations/<int:pk>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<int:pk>/properties/new/",
        views.property_add,
        name="property_add",
    ),
    path("organisations/<int:pk>/invite/", views.invite, name="invite"),
    path("properties/<int:pk>/", views.property_edit, name="property_edit"),
    path("properties/<int:pk>/delete/", views.property_delete, name="property_delete"),
    path("people/<int:pk>/role/", views.member_role, name="member_role"),
    path("people/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("applications/<int:pk>/", enrolment_views.enrolment_detail, name="enrolment"),
    path(
        "applications/<int:pk>/send/",
        enrolment_views.enrolment_send,
        name="enrolment_send",
    ),
    path(
        "agreements/<int:pk>/notice/",
        enrolment_views.agreement_give_notice,
        name="agreement_notice",
    ),
    path("contributions/", contribution_views.contribution_list, name="contributions"),
    path(
        "contributions/<int:pk>/",
        contribution_views.contribution_detail,
        name="contribution",
    ),
    path(
        "contributions/<int:pk>/pay/",
        contribution_views.contribution_pay,
        name="contribution_pay",
    ),
    path("receipts/<int:pk>/", contribution_views.receipt, name="receipt"),
    path(
        "contributions/<int:pk>/invoice.xml",
        einvoice_views.contribution_ubl,
        name="contribution_ubl",
    ),
    path(
        "contributions/<int:pk>/credit-note.xml",
        einvoice_views.credit_note_ubl,
        name="credit_note_ubl",
    ),
    path(
        "contributions/<int:pk>/invoice.pdf",
        contribution_views.invoice_download,
        name="contribution_pdf",
    ),
    path(
        "contributions/<int:pk>/credit-note.pdf",
        contribution_views.credit_note_download,
        name="credit_note_pdf",
    ),
    path(
        "receipts/<int:pk>/receipt.pdf",
        contribution_views.receipt_download,
        name="receipt_pdf",
    ),
    path("proposals/", proposal_views.proposal_list, name="proposals"),
    path("proposals/mine/", proposal_views.my_proposals, name="my_proposals"),
    path("proposals/new/", proposal_views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", proposal_views.proposal_detail, name="proposal"),
    path(
        "proposals/<int:pk>/edit/", proposal_views.proposal_edit, name="proposal_edit"
    ),
    path(
        "proposals/<int:pk>/delete/",
        proposal_views.proposal_delete,
        name="proposal_delete",
    ),
    path(
        "proposals/<int:pk>/step/", proposal_views.proposal_step, name="proposal_step"
    ),
    path(
        "proposals/<int:pk>/support/", proposal_views.support, name="proposal_support"
    ),
    path(
        "proposals/<int:pk>/comment/", proposal_views.comment, name="proposal_comment"
    ),
    path(
        "proposals/<int:pk>/progress/",
        proposal_views.progress,
        name="proposal_progress",
    ),
    path(
        "proposals/<int:pk>/attachments/",
        proposal_views.attachment_upload,
        name="proposal_attach",
    ),
    path(
        "attachments/<int:pk>/",
        proposal_views.attachment_download,
        name="proposal_attachment",
    ),
    path("adjustments/", meeting_views.adjustment_list, name="adjustments"),
    path("adjustments/<int:pk>/", meeting_views.adjustment_detail, name="adjustment"),
    path(
        "adjustments/<int:pk>/approve/",
        meeting_views.adjustment_approve,
        name="adjustment_approve",
    ),
    path(
        "adjustments/<int:pk>/change/",
        meeting_views.adjustment_request_change,
        name="adjustment_change",
    ),
    path(
        "meeting-files/<int:pk>/",
        meeting_views.attachment_download,
        name="meeting_attachment",
    ),
    path("situation/", area_views.situation, name="situation"),
    path("situation/trend.svg", area_views.situation_chart, name="situation_chart"),
    path("situation/report/", area_views.report, name="situation_report"),
    path("actions/", area_views.action_list, name="actions"),
    path("actions/new/", area_views.action_create, name="action_create"),
    path("actions/<int:pk>/", area_views.action_detail, name="action"),
    path("walks/", area_views.walk_list, name="walks"),
    path("walks/<int:pk>/", area_views.walk_detail, name="walk"),
    path(
        "observations/<int:pk>/action/",
        area_views.observation_action,
        name="observation_action",
    ),
    path(
        "observations/<int:pk>/photo/",
        area_views.observation_photo,
        name="observation_photo",
    ),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/read/",
        notification_views.notifications_read,
        name="notifications_read",
    ),
    path(
        "notifications/<int:pk>/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/settings/",
        notification_views.notification_settings,
        name="notification_settings",
    ),
    path("follow/", notification_views.follow, name="follow"),
    path(
        "digest/unsubscribe/<str:token>/",
        notification_views.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
]
