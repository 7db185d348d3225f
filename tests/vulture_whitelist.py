"""Names vulture cannot see being used: Django, Wagtail and other libraries call
them by name, by dotted path, by decorator registration or from templates.

    .venv/bin/vulture   (paths and settings in pyproject.toml, [tool.vulture])

Add a name here only when a framework (not our code) uses it; dead code is deleted.
"""


class _Names:
    def __getattr__(self, name: str) -> str:
        return name


_ = _Names()

# Settings and server configuration, read by Django, allauth and gunicorn.
_settings = [
    _.accesslog,
    _.ACCOUNT_ADAPTER,
    _.ACCOUNT_EMAIL_VERIFICATION,
    _.ACCOUNT_LOGIN_METHODS,
    _.ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION,
    _.ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE,
    _.ACCOUNT_PRESERVE_USERNAME_CASING,
    _.ACCOUNT_RATE_LIMITS,
    _.ACCOUNT_REAUTHENTICATION_REQUIRED,
    _.ACCOUNT_SIGNUP_FIELDS,
    _.ACCOUNT_SIGNUP_FORM_CLASS,
    _.ACCOUNT_UNIQUE_EMAIL,
    _.ACCOUNT_USER_MODEL_USERNAME_FIELD,
    _.ADMINS,
    _.ALLAUTH_TRUSTED_PROXY_COUNT,
    _.application,
    _.ASGI_APPLICATION,
    _.AUTH_PASSWORD_VALIDATORS,
    _.AUTHENTICATION_BACKENDS,
    _.bind,
    _.CACHES,
    _.CONTENT_SECURITY_POLICY,
    _.CSRF_COOKIE_HTTPONLY,
    _.CSRF_COOKIE_SECURE,
    _.CSRF_TRUSTED_ORIGINS,
    _.DATA_UPLOAD_MAX_NUMBER_FIELDS,
    _.DEFAULT_AUTO_FIELD,
    _.DJANGO_ENV,
    _.errorlog,
    _.FILE_UPLOAD_PERMISSIONS,
    _.forwarded_allow_ips,
    _.graceful_timeout,
    _.INSTALLED_APPS,
    _.LANGUAGE_COOKIE_NAME,
    _.LANGUAGE_COOKIE_SECURE,
    _.LOCALE_PATHS,
    _.FORM_RENDERER,
    _.LOGIN_REDIRECT_URL,
    _.LOGIN_URL,
    _.max_requests,
    _.max_requests_jitter,
    _.preload_app,
    _.MFA_SUPPORTED_TYPES,
    _.MFA_ADAPTER,
    _.MFA_TOTP_TOLERANCE,
    _.MIDDLEWARE,
    _.PASSWORD_HASHERS,
    _.RATELIMIT_CACHE_PREFIX,
    _.ROOT_URLCONF,
    _.SECRET_KEY,
    _.SECURE_CONTENT_TYPE_NOSNIFF,
    _.SECURE_CROSS_ORIGIN_OPENER_POLICY,
    _.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    _.SECURE_HSTS_PRELOAD,
    _.SECURE_HSTS_SECONDS,
    _.SECURE_PROXY_SSL_HEADER,
    _.SECURE_REFERRER_POLICY,
    _.SECURE_SSL_REDIRECT,
    _.SERVER_EMAIL,
    _.SESSION_COOKIE_HTTPONLY,
    _.SESSION_COOKIE_SECURE,
    _.SILENCED_SYSTEM_CHECKS,
    _.STATIC_ROOT,
    _.STATIC_URL,
    _.STATICFILES_DIRS,
    _.TASKS,
    _.threads,
    _.USE_I18N,
    _.USE_THOUSAND_SEPARATOR,
    _.USE_TZ,
    _.WAGTAIL_ALLOW_UNICODE_SLUGS,
    _.WAGTAIL_ENABLE_UPDATE_CHECK,
    _.WAGTAIL_GRAVATAR_PROVIDER_URL,
    _.WAGTAIL_I18N_ENABLED,
    _.WAGTAIL_MODERATION_ENABLED,
    _.WAGTAIL_WORKFLOW_ENABLED,
    _.WAGTAILADMIN_BASE_URL,
    _.WAGTAILADMIN_LOGIN_URL,
    _.WAGTAILADMIN_NOTIFICATION_USE_HTML,
    _.WAGTAILADMIN_PERMITTED_LANGUAGES,
    _.WAGTAILADMIN_RICH_TEXT_EDITORS,
    _.WAGTAILDOCS_EXTENSIONS,
    _.WAGTAILDOCS_MAX_UPLOAD_SIZE,
    _.WAGTAILDOCS_SERVE_METHOD,
    _.WAGTAILIMAGES_EXTENSIONS,
    _.WAGTAILIMAGES_IMAGE_FORM_BASE,
    _.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    _.WAGTAILSEARCH_BACKENDS,
    _.WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE,
    _.WHITENOISE_AUTOREFRESH,
    _.WHITENOISE_USE_FINDERS,
    _.workers,
    _.WSGI_APPLICATION,
    _.X_FRAME_OPTIONS,
]

# Migrations, read by Django's migration loader.
_migrations = [
    _.dependencies,
    _.numchild,
    _.operations,
    _.use_in_migrations,
]

# Apps, URL modules and management commands, found by Django by name.
_apps = [
    _.AccountsConfig,
    _.add_arguments,
    _.app_name,
    _.AreasConfig,
    _.Command,
    _.ContributionsConfig,
    _.EnrolmentConfig,
    _.help,
    _.HomeConfig,
    _.MeetingsConfig,
    _.models_module,
    _.NotificationsConfig,
    _.OrganisationsConfig,
    _.ProposalsConfig,
    _.ready,
    _.SearchConfig,
    _.urlpatterns,
]

# Django hooks: Meta options, clean_<field>, class-based view methods.
_django = [
    _.__class__,
    _.clean_due_date,
    _.clean_file,
    _.clean_invoice,
    _.constraints,
    _.default_error_messages,
    _.EMAIL_FIELD,
    _.field_classes,
    _.form_valid,
    _.get_object,
    _.get_success_url,
    _.help_texts,
    _.indexes,
    _.js,
    _.label_from_instance,
    _.ordering,
    _.post,
    _.prepare_value,
    _.required,
    _.REQUIRED_FIELDS,
    _.template_name,
    _.username,
    _.USERNAME_FIELD,
    _.validate_unique,
    _.verbose_name_plural,
    _.widgets,
]

# Middleware, adapters, search backends, access points, attachment builders and
# context processors, named by dotted path in settings or in queued tasks.
_dotted_paths = [
    _.AccountAdapter,
    _.ContentSecurityPolicyMiddleware,
    _.CleanQueryMiddleware,
    _.credit_note_attachment,
    _.DirectoryAccessPoint,
    _.get_login_redirect_url,
    _.get_logout_redirect_url,
    _.get_signup_redirect_url,
    _.get_totp_issuer,
    _.HttpAccessPoint,
    _.invoice_attachment,
    _.is_open_for_signup,
    _.MFAAdapter,
    _.PageCacheMiddleware,
    _.process_view,
    _.SearchBackend,
    _.StaffTwoFactorMiddleware,
    _.unread,
    _.view_args,
    _.view_func,
    _.view_kwargs,
]

# Signal receivers, template tags and filters, registered by decorator.
_decorated = [
    _.as_rich_text,
    _.may_propose,
    _.reports_on_areas,
    _.einvoice_admin,
    _.extract_attachment_text,
    _.follow_button,
    _.language_switcher,
    _.main_menu,
    _.render_panel,
    _.portal_nav,
    _.page_breadcrumbs,
    _.breadcrumbs,
    _.portal_breadcrumbs,
    _.admin_header,
    _.project_funding,
    _.plan_funding_leverage,
    _.project_milestones,
    _.funding_urls,
    _.funding_line_paid,
    _.ProjectsConfig,
    _.evaluation_route,
    _.EvaluationSource,
    _.get_initial,
    _.milestone_urls,
    _.projects_under_way_section,
    _.evaluation_urls,
    _.evaluations_menu_item,
    # Set on the projects of the home page's section, read by its template.
    _.next_milestone,
]

# Wagtail: page rules, routable-page routes, hooks, admin viewsets, menu
# items and blocks.
_wagtail = [
    _.add_to_admin_menu,
    _.add_view_class,
    _.alt_text,
    _.attribution,
    _.bank_admin_urls,
    _.body_calendar_route,
    _.budget_summary,
    _.calendar_route,
    _.call_to_action,
    _.can_reorder_children,
    _.caption,
    _.consolidate_menu_item,
    _.contributions_admin_urls,
    _.copy_view_enabled,
    _.decision_route,
    _.decisions_feed,
    _.decisions_route,
    _.delete_view_class,
    _.draft_title,
    _.edit_view_class,
    _.feed,
    _.figures,
    _.for_update,
    _.form_fields,
    _.get_breadcrumbs_items,
    _.get_form_class,
    _.get_page_subtitle,
    _.get_page_title,
    _.header_icon,
    _.icon,
    _.icon_name,
    _.index_route,
    _.index_view_class,
    _.inspect_view_class,
    _.inspect_view_enabled,
    _.is_shown,
    _.latest_news_section,
    _.link_page,
    _.link_text,
    _.link_url,
    _.list_display,
    _.list_filter,
    _.max_count_per_parent,
    _.meeting_route,
    _.meetings_admin_urls,
    _.meetings_section,
    _.menu_icon,
    _.menu_label,
    _.menu_order,
    _.minutes_pdf_route,
    _.next_url,
    _.parent_page_types,
    _.plan_admin_urls,
    _.plan_header_buttons,
    _.plan_listing_buttons,
    _.quote,
    _.register_contributions,
    _.register_meetings,
    _.register_members_group,
    _.register_proposals,
    _.register_situation,
    _.situation_urls,
    _.subpage_types,
    _.top_priorities_section,
    _.url_prefix,
    _.view_name,
]

# Syndication feeds: what django.contrib.syndication calls by name.
_feeds = [
    _.feed_type,
    _.feed_url,
    _.item_categories,
    _.item_description,
    _.item_guid,
    _.item_guid_is_permalink,
    _.item_link,
    _.item_title,
    _.item_updateddate,
    _.link,
    _.subtitle,
]

# django-ninja operations (registered by decorator), schema fields, resolvers
# and pydantic validators.
_api = [
    _.decided_on,
    _.decision_detail,
    _.decision_list,
    _.detail_url,
    _.get_root_path,
    _.html_url,
    _.Input,
    _._known_page_types,
    _._listing_fields,
    _.logo_url,
    _.meeting_detail,
    _.meeting_list,
    _.member_list,
    _.minutes_html,
    _.Output,
    _.page_detail,
    _.page_find,
    _.page_list,
    _.plan_priorities,
    _.priority_by_rank,
    _.priority_ids,
    _.priority_title,
    _.project_detail,
    _.project_list,
    _.resolve_meta,
    _.total_count,
]

# Registries filled by decorator: search sources, personal-data sections,
# notification kinds.
_registries = [
    _._account,
    _._follows,
    _._invitations_received,
    _._two_factor_methods,
    _.AgreementSource,
    _.MeetingSource,
    _.organisations_hand_to_secretariat,
    _.PageSource,
    _.PremisesSource,
    _.ProposalSource,
]

# Called by libraries: pygal chart attributes, fpdf2's page footer.
_libraries = [
    _.colors,
    _.footer,
    _.x_labels,
]

# Read in templates only.
_templates = [
    # Project money (members/projects/selectors/funding.py) and its steps.
    _.decided,
    _.invoiced,
    _.other_currency_lines,
    _.received_percent,
    _.spent_percent,
    _.unfunded,
    _.per_krona,
    _.button,
    _.area_links,
    # When the annual report's figures were counted, shown with them.
    _.generated_at,
    _.written_by,
    _.get_kind,
    _.headline,
    _.next_renewal,
    _.overridden,
    _.status_label,
]

# Choices members: stored values, offered in forms and the admin.
_choices = [
    _.ACCEPT,
    _.ACTIVE,
    _.ADJUSTED,
    _.ADJUSTER,
    _.APOLOGIES,
    _.ASSOCIATION,
    _.BASE_FEE,
    _.BUSINESS,
    _.CHAIR,
    _.CHANGE_REQUESTED,
    _.CORRECTED,
    _.DENMARK,
    _.DKK,
    _.EDITED,
    _.FLOOR,
    _.INDUSTRIAL,
    _.MEMBER,
    _.MIXED,
    _.NOK,
    _.NORWAY,
    _.OFFICE,
    _.OTHER,
    _.PAUSED,
    _.PUBLIC_AGENCY,
    _.REJECT,
    _.RESIDENTIAL,
    _.RETAIL,
    _.RETIRED,
]

# Model and form fields written by services and read by the admin,
# templates, exports and the search index.
_fields = [
    _.accepted_by,
    _.agenda_item,
    _.anonymised_at,
    _.applied_at,
    _.assessed_value_currency,
    _.assessed_value_minor,
    _.at,
    _.automatic,
    _.body_terms,
    _.boundary_file,
    _.by_name,
    _.by_organisation,
    _.cancellation_reason,
    _.cancelled_by,
    _.change_requested_at,
    _.changed_by,
    _.co_funding,
    _.comment_id,
    _.committee_terms,
    _.confirm,
    _.consolidated_at,
    _.consolidated_by,
    _.created_by,
    _.crime_reported,
    _.due_on,
    _.effective_from,
    _.emailed_at,
    _.failure_message,
    _.finished_at,
    _.hero_cta_page,
    _.hero_cta_text,
    _.hero_heading,
    _.hero_image,
    _.hero_text,
    _.hidden_at,
    _.hidden_by,
    _.hidden_reason,
    _.imported_by,
    _.invited_by,
    _.is_headline,
    _.listed_publicly,
    _.littering,
    _.managed_by_secretariat,
    _.minutes_ready_at,
    _.new_minutes,
    _.notes,
    _.plan_translation_key,
    _.previous_minutes,
    _.processed_at,
    _.received_at,
    _.recorded_at,
    _.recorded_by,
    _.reported_by,
    _.resolved_at,
    _.resolved_by,
    _.search_vector,
    _.sent_at,
    _.sent_on,
    _.signed_on,
    _.sort_order,
    _.started_at,
    _.terms_accepted_at,
    _.title_terms,
    _.unrest,
    _.uploaded_at,
    _.uploaded_by,
    _.vandalism,
]

# Used by the tests only (vulture runs over the application, not tests/).
_tests = [
    _.contains,
    _.covered,
    _.decision_add,
    _.event_kinds,
    _.is_board,
    _.is_secretariat,
]

# The access vocabulary of bid/access.py, offered to every app; not every
# predicate has a caller yet.
_access = [
    _.is_staff,
    _.organisations_of,
]

# Read by Django or by name only: Meta options, choice members, fields listed by
# name in admin, and the demo constants the tests import.
_late = [
    _.abstract,
    _.DEMO_DOMAIN,
    _.LIGHTING,
    _.VEGETATION,
    _.LITTER,
    _.VANDALISM,
    _.ACCESSIBILITY,
    _.default_visibility,
    _.adjusters_stay_on_record,
]

# allauth calls these by setting and by name; templates read the rest.
_accounts = [
    _.SignupForm,
    _.field_order,
    _.signup,
    _.format_email_subject,
    _.domain,
    _.has_name,
]

# Wagtail calls the dashboard's hooks (home/wagtail_hooks.py).
_dashboard = [
    _.waiting_panel,
    _.district_colours,
]

# The project's form renderer (FORM_RENDERER) and what bid/templates/forms/
# reads from its bound fields.
_forms = [
    _.FormRenderer,
    _.form_template_name,
    _.field_template_name,
    _.bound_field_class,
    _.is_optional,
    _.error_anchor,
]

# Settings and the locale format modules Django reads (bid/formats/).
_formats = [
    _.FORMAT_MODULE_PATH,
    _.DATE_FORMAT,
    _.TIME_FORMAT,
    _.DATETIME_FORMAT,
    _.MONTH_DAY_FORMAT,
    _.SHORT_DATE_FORMAT,
    _.SHORT_DATETIME_FORMAT,
    _.FIRST_DAY_OF_WEEK,
]

# The error handlers Django reads from the URL conf, and the template tags that
# mark text written only in the main language.
_errors_and_language = [
    _.handler403,
    _.ImageForm,  # WAGTAILIMAGES_IMAGE_FORM_BASE
    _.handler400,
    _.handler500,
    _.main_language_lang,
    _.main_language,
]

# Template tags of the shared layout (base.html) and of shared fragments.
_layout_tags = [
    _.page_language,
    _.district,
    _.fragment,
]

# Set on proposals for their templates (a card's, a proposal's priority).
_proposal_attributes = [
    _.localized_priority,
    # Wagtail calls them: Page.localized, and its before_serve_page check.
    _.localized_draft,
    _.get_view_restrictions,
    _._cached_parent_obj,  # treebeard reads it: the parent, without a query
]

# The agreements register: its app config, admin hooks, choice values read
# from forms and TOML, and fields and methods its templates read.
_agreements = [
    _.AgreementsConfig,
    _.agreement_urls,
    _.agreements_menu,
    _.SERVICE,
    _.PARTNERSHIP,
    _.LEASE,
    _.GRANT,
    _.INFORMATION_SHARING,
    _.MEMBERSHIP,
    _.REPORT,
    _.AUDIT,
    _.YES,
    _.PARTLY,
    _.NO,
    _.RENEW,
    _.RENEGOTIATE,
    _.END,
    _.renews_by_months,
    _.reminded_on,
    _.expiring_soon,
    _.budget_minor,
]

# The premises register: its app config, admin hooks, choice values read from
# forms and TOML, a form field's bound, and fields and methods its templates read.
_premises = [
    _.PremisesConfig,
    _.premises_urls,
    _.requests_menu_item,
    _.SHOP,
    _.RESTAURANT,
    _.UNDER_1000,
    _.FROM_1000,
    _.FROM_1500,
    _.FROM_2000,
    _.OVER_3000,
    _.RESERVED,
    _.min_value,
    _.contact_name,
    _.contact_email,
    _.contact_phone,
    _.shown_rent,
    _.vacant_m2,
    # The public page's search request: its route named in the template, and
    # the agreement to be contacted, a required field the view only checks.
    _.request_route,
    _.consent,
]

# The audit: its app config, admin hooks, and the grant's who and when that
# its templates and the personal-data export read.
_auditing = [
    _.AuditingConfig,
    _.auditing_urls,
    _.auditors_menu,
    _.granted_by,
    _.granted_at,
    _.revoked_by,
]
