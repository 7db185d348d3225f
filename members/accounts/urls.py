"""The account's name, data and deletion addresses, under /accounts/."""

from django.urls import path

from members.accounts import views

urlpatterns = [
    path("name/", views.name_edit, name="account_name"),
    path("data/", views.data_overview, name="account_data"),
    path("data/download/", views.data_download, name="account_data_download"),
    path("delete/", views.delete_account, name="account_delete"),
]
