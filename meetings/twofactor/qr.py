"""A QR code as SVG markup: one path of dark modules, styled by the stylesheet's classes."""

import qrcode
from django.utils.html import escape

BORDER = 4  # modules of quiet zone around the code, as the standard asks


def dark_runs(row):
    """(start, length) of each run of dark modules in a row of booleans."""
    runs, start = [], None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def matrix(text):
    """The code's modules, quiet zone included, as rows of booleans (True: dark)."""
    code = qrcode.QRCode(border=BORDER, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def path_data(modules):
    """An SVG path covering every dark module, a rectangle per horizontal run."""
    return "".join(
        f"M{start} {y}h{length}v1h-{length}z"
        for y, row in enumerate(modules)
        for start, length in dark_runs(row)
    )


def svg(text, label):
    """`text` as a QR code in SVG, with `label` for screen readers; no style attribute."""
    modules = matrix(text)
    size = len(modules)
    return (
        f'<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'role="img" aria-label="{escape(label)}" shape-rendering="crispEdges">'
        f'<rect class="qr-code-light" width="{size}" height="{size}"/>'
        f'<path class="qr-code-dark" d="{path_data(modules)}"/></svg>'
    )
