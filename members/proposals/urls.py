"""The portal's proposal addresses, included under /portal/."""

from django.urls import path

from members.proposals import views

urlpatterns = [
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/mine/", views.my_proposals, name="my_proposals"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path(
        "proposals/<int:pk>/delete/",
        views.proposal_delete,
        name="proposal_delete",
    ),
    path("proposals/<int:pk>/step/", views.proposal_step, name="proposal_step"),
    path("proposals/<int:pk>/support/", views.support, name="proposal_support"),
    path("proposals/<int:pk>/comment/", views.comment, name="proposal_comment"),
    path(
        "proposals/<int:pk>/progress/",
        views.progress,
        name="proposal_progress",
    ),
    path(
        "proposals/<int:pk>/attachments/",
        views.attachment_upload,
        name="proposal_attach",
    ),
    path(
        "attachments/<int:pk>/",
        views.attachment_download,
        name="proposal_attachment",
    ),
]
