"""On-site work (上门 / 外检) and campaigns (统检): jobs at the customer's site.

Every action takes (session, actor, clock, …), checks its permission, writes the
audit log and never commits.  The parts:

- `onsite.jobs`        create_job (JobForm), add_instruments, start_job, finish_job, cancel_job
- `onsite.schedule`    schedule_job (Assignment: day, crew, vehicle, standards — refused with
                       the reasons: expired standard, unauthorised verifier, double booking),
                       urgent_job (UrgentCall: created and scheduled today)
- `onsite.items`       number_items (an intake order: item numbers, labels, then certificates
                       and the gate as at the counter), onsite_extras / bill_job (travel and
                       on-site surcharges from the fee standard), hand_over_job (at the site
                       or by mail; never pickup)
- `onsite.views`       list_jobs, job_view, week_view, resource_choices, ledger_choices
- `onsite.sheet`       job_sheet_pdf;  `onsite.vehicles`  save_vehicle, list_vehicles
- `onsite.campaigns`   plan_campaign, campaign_progress, campaign_revenue, campaign_summary_xlsx;
                       `onsite.campaign_pdf` campaign_summary_pdf
- `onsite.rules`       pure: job states and checks, fees, the campaign split and revenue shares
"""
