"""Helpers for the admin's tests: what a change page would post back, and its errors."""


def field_value(bound_field):
    """A bound field's value as a browser would post it ("" for nothing)."""
    value = bound_field.value()
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def change_form_data(response):
    """The data a change page posts back as it is shown, with its inlines' saved rows."""
    form = response.context["adminform"].form
    data = {name: field_value(form[name]) for name in form.fields}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        for key, value in management.initial.items():
            data[management.add_prefix(key)] = str(value)
        data[management.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))
        for row in formset.initial_forms:
            data.update({row.add_prefix(name): field_value(row[name]) for name in row.fields})
    return {key: value for key, value in data.items() if value != ""}


def errors_of(response):
    """Every error message the admin page shows, the inlines' included, as one text."""
    messages = [str(e) for e in response.context["adminform"].form.errors.values()]
    for inline in response.context.get("inline_admin_formsets", []):
        messages += [str(e) for e in inline.formset.non_form_errors()]
        for row_errors in inline.formset.errors:
            messages += [str(m) for errors in row_errors.values() for m in errors]
    return " ".join(messages)
