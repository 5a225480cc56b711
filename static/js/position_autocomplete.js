/*
 * The admin's participant rows: the position autocomplete offers the posts of the row's
 * official held at the meeting's date. Its requests carry the row's official and the form's
 * date, which PositionAdmin.get_search_results narrows on; choosing another official empties
 * the row's position. A file of its own: the site's policy allows no inline script.
 */
"use strict";
(function ($) {
  if (!$) {
    return;
  }
  let openedRow = null; // what the open position list was asked for

  function valueOf(id) {
    const element = document.getElementById(id);
    return element ? element.value : "";
  }

  function rowQuery(positionSelect) {
    return {
      official: valueOf(positionSelect.id.replace(/-position$/, "-official")),
      date: valueOf("id_date"),
      date_end: valueOf("id_date_end"),
      date_precision: valueOf("id_date_precision"),
    };
  }

  function isPositionSearch(data) {
    const params = new URLSearchParams(data);
    return params.get("model_name") === "participation" && params.get("field_name") === "position";
  }

  $(document).on("select2:opening", "select[data-model-name='participation'][id$='-position']", function () {
    openedRow = rowQuery(this);
  });

  $.ajaxPrefilter(function (options) {
    if (openedRow && typeof options.data === "string" && isPositionSearch(options.data)) {
      options.data += "&" + $.param(openedRow);
    }
  });

  $(document).on("change", "select[data-model-name='participation'][id$='-official']", function () {
    const position = $("#" + this.id.replace(/-official$/, "-position"));
    if (position.length && position.val()) {
      position.val(null).trigger("change");
    }
  });
})(window.django && window.django.jQuery);
