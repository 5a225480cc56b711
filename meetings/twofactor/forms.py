"""The one field of the second step and of the set-up: a code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .codes import MAX_CODE_LENGTH, normalize


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=MAX_CODE_LENGTH + 8,  # room for the spaces and dashes people type
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = normalize(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Enter a code."))
        return code
