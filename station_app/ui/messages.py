"""Sentences for the errors a person can cause: what is wrong and what to do, in the clerk's language.

``core`` raises StationError with a code; this is the one place that turns codes into words. Each entry is
a literal ``translate()`` call so Qt Linguist finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.errors import ManifestError, StationError


def _errors() -> dict[str, str]:
    return {
        "db_unreadable": QCoreApplication.translate("Errors", "The station database at {path} cannot be read. Call county IT; do not delete the file."),
        "db_too_new": QCoreApplication.translate("Errors", "This database was made by a newer version of the app. Install the latest version."),
        "setting_unknown": QCoreApplication.translate("Errors", "There is no setting called {name}."),
        "setting_not_editable": QCoreApplication.translate("Errors", "{name} cannot be changed here. Settings you can change: {choices}."),
        "setting_out_of_range": QCoreApplication.translate("Errors", "Enter a whole number from {low} to {high}."),
        "setting_not_a_choice": QCoreApplication.translate("Errors", "\"{value}\" is not a choice for {name}. Choose one of: {choices}."),
        "remind_not_before_return": QCoreApplication.translate("Errors", "The reminder ({remind} days) must come before the return ({ret} days). Make the reminder fewer days, or the return more."),
        "template_invalid": QCoreApplication.translate("Errors", "The message template has a broken {{…}} field. Check the braces."),
        "template_unknown_field": QCoreApplication.translate("Errors", "The message template uses unknown fields: {fields}. Use station, courier, tail, code, deadline."),
        "pin_format": QCoreApplication.translate("Errors", "A PIN is 4 to 8 digits. Type digits only."),
        "clerk_name_invalid": QCoreApplication.translate("Errors", "Enter the clerk's name (at most 20 characters)."),
        "clerk_role_invalid": QCoreApplication.translate("Errors", "A clerk's role is clerk or supervisor."),
        "clerk_exists": QCoreApplication.translate("Errors", "There is already a clerk called {name}. Choose another name."),
        "clerk_unknown": QCoreApplication.translate("Errors", "This clerk is not known here. Choose a name from the list."),
        "pin_locked": QCoreApplication.translate("Errors", "Too many wrong PINs. Wait {seconds} seconds, then try again."),
        "pin_wrong": QCoreApplication.translate("Errors", "Wrong PIN. {left} tries left before a one-minute lock."),
        "supervisor_required": QCoreApplication.translate("Errors", "Only a supervisor can do this. Ask a supervisor to enter their PIN."),
        "station_code_invalid": QCoreApplication.translate("Errors", "The station code {code} is not valid: use 2-32 letters, digits, - or _."),
        "station_name_missing": QCoreApplication.translate("Errors", "Enter the station's name."),
        "station_exists": QCoreApplication.translate("Errors", "This data folder already holds a station. Use another folder."),
        "shelves_empty": QCoreApplication.translate("Errors", "No shelves are set up. A supervisor must add shelves first."),
        "shelf_invalid": QCoreApplication.translate("Errors", "Shelf {shelf} is not valid: shelves 1-99, layers 1-20, capacity 1-9999."),
        "slot_unknown": QCoreApplication.translate("Errors", "There is no shelf {shelf} layer {layer}. Choose one from the list."),
        "codes_exhausted": QCoreApplication.translate("Errors", "This layer has no free pickup code. Move to another layer."),
        "manifest_encoding": QCoreApplication.translate("Errors", "The file is neither UTF-8 nor GBK text. Save it from Excel as CSV and try again."),
        "manifest_invalid": QCoreApplication.translate("Errors", "The manifest was not imported: {count} lines have problems. Fix them and import again."),
        "file_unreadable": QCoreApplication.translate("Errors", "The file {path} cannot be opened. Check that it exists and is not open elsewhere."),
        "phone_invalid": QCoreApplication.translate("Errors", "{value} is not a mobile number. Type the 11 digits, or for a privacy waybill the last 4 digits and a name."),
        "tail_invalid": QCoreApplication.translate("Errors", "Type exactly the last 4 digits of the phone number."),
        "scan_empty": QCoreApplication.translate("Errors", "Nothing was scanned. Scan the waybill barcode again."),
        "scan_garbled": QCoreApplication.translate("Errors", "The scan \"{value}\" is not a waybill number. Turn the input method off and scan again."),
        "privacy_needs_name": QCoreApplication.translate("Errors", "For a privacy waybill type the recipient's name as well as the last 4 digits."),
        "damage_needs_note": QCoreApplication.translate("Errors", "Say what is damaged in the note."),
        "already_in_stock": QCoreApplication.translate("Errors", "{waybill} is already on the shelf with code {code}. Nothing was changed."),
        "recipient_missing": QCoreApplication.translate("Errors", "Type the recipient's mobile number, or the last 4 digits and a name."),
        "parcel_not_in_stock": QCoreApplication.translate("Errors", "{waybill} is not on the shelf any more ({status}). Check the parcel."),
        "parcel_unknown": QCoreApplication.translate("Errors", "{waybill} was never received here. Check the parcel and the waybill."),
        "call_note_too_long": QCoreApplication.translate("Errors", "The call note is longer than {limit} characters. Shorten it, then mark the call again."),
        # 问题件 (core/exceptions_register.py)
        "exception_kind_missing": QCoreApplication.translate("Errors", "Choose what kind of problem it is (lost, damaged, complaint …), then register it."),
        "exception_raiser_missing": QCoreApplication.translate("Errors", "Choose who raised it: a villager or a courier."),
        "exception_topic_missing": QCoreApplication.translate("Errors", "Choose what the complaint is about (charged twice, not notified …)."),
        "exception_needs_description": QCoreApplication.translate("Errors", "Write what happened, then register it."),
        "exception_text_too_long": QCoreApplication.translate("Errors", "The text is longer than {limit} characters. Shorten it."),
        "exception_phone_invalid": QCoreApplication.translate("Errors", "The phone is an 11-digit mobile number or its last 4 digits. Check it or leave it empty."),
        "exception_needs_parcel": QCoreApplication.translate("Errors", "Scan or type the waybill of the parcel concerned first (a waybill not in the system is kept too)."),
        "exception_waybill_invalid": QCoreApplication.translate("Errors", "\"{value}\" is not a waybill number. Scan it again or type it exactly."),
        "exception_photo_invalid": QCoreApplication.translate("Errors", "{name} is not a JPEG or PNG photo under 20 MB. Choose another file."),
        "exception_photo_unreadable": QCoreApplication.translate("Errors", "{name} cannot be read. Copy the photo to this PC and choose it again."),
        "exception_too_many_photos": QCoreApplication.translate("Errors", "At most {limit} photos per entry. Choose fewer."),
        "exception_needs_outcome": QCoreApplication.translate("Errors", "Choose the outcome (compensated, redelivered, returned or rejected) before resolving."),
        "exception_reject_needs_reason": QCoreApplication.translate("Errors", "A rejection needs its reason. Write why, then resolve again."),
        "exception_needs_amount": QCoreApplication.translate("Errors", "Enter the compensation in yuan (more than 0), then resolve again."),
        "exception_already_in_progress": QCoreApplication.translate("Errors", "{number} is already in progress. Resolve it when it is settled."),
        "exception_already_resolved": QCoreApplication.translate("Errors", "{number} is already resolved; nothing was changed. Register a new entry if the problem comes back."),
        "exception_unknown": QCoreApplication.translate("Errors", "That entry is not in the register. Reload the page and choose it again."),
        "exception_none_chosen": QCoreApplication.translate("Errors", "Click an entry in the list first."),
        "courier_unknown": QCoreApplication.translate("Errors", "That courier is not in the list. Choose one from the list."),
        "code_not_found": QCoreApplication.translate("Errors", "No parcel on the shelf has the code {code}. Check the code or search by phone."),
        "nothing_for_phone": QCoreApplication.translate("Errors", "No parcel on the shelf for a phone ending {tail}. Check the number or ask for the code."),
        "lookup_empty": QCoreApplication.translate("Errors", "Type a pickup code, a phone number or its last 4 digits, or scan a waybill."),
        "not_this_recipient": QCoreApplication.translate("Errors", "STOP: {waybill} (code {code}) belongs to someone else. Put it back."),
        "handover_invalid": QCoreApplication.translate("Errors", "Choose who takes the parcels."),
        "proxy_needs_name": QCoreApplication.translate("Errors", "For a proxy, type the proxy's name and the last 4 digits of their phone."),
        "nothing_scanned": QCoreApplication.translate("Errors", "Scan each parcel you hand over before confirming."),
        "door_needs_name": QCoreApplication.translate("Errors", "For a door delivery, type the name of who took the parcels at the door."),
        "mixed_recipients": QCoreApplication.translate("Errors", "These parcels belong to different people. Hand over one person's parcels at a time."),
        "undo_needs_reason": QCoreApplication.translate("Errors", "Say why the pickup is undone."),
        "not_picked_up": QCoreApplication.translate("Errors", "{waybill} has not been picked up, so there is nothing to undo."),
        "return_reason_invalid": QCoreApplication.translate("Errors", "Choose the reason for the return."),
        "printer_not_set": QCoreApplication.translate("Errors", "No printer is set up. Choose one under Printer."),
        "printer_folder_unwritable": QCoreApplication.translate("Errors", "Cannot write to {path}. Check the folder or the disk, then print again."),
        "printer_unreachable": QCoreApplication.translate("Errors", "The printer at {host}:{port} does not answer. Check its power, cable and network, then reprint."),
        "printer_raw_unsupported": QCoreApplication.translate("Errors", "This computer cannot send raw jobs to a queue. Choose the system printer or a network printer."),
        "printer_queue_refused": QCoreApplication.translate("Errors", "The printer {queue} refused the label. Check that it is on, has labels and is not paused, then reprint."),
        "printer_queue_unknown": QCoreApplication.translate("Errors", "There is no printer called {queue} on this computer. Choose it again under Printer."),
        "background_failed": QCoreApplication.translate("Errors", "Something went wrong in the background; it is written in the log. Try again, and call county IT if it happens again."),
        "printer_failed": QCoreApplication.translate("Errors", "The label could not be printed. Check the printer, then reprint."),
        "printer_not_for_kind": QCoreApplication.translate("Errors", "This computer has no printer for this paper. Under Printer, set a receipt or A4 printer, or save PDFs into a folder."),
        "printer_folder_refused": QCoreApplication.translate("Errors", "Nothing can be saved in {path}: the folder cannot be made or is read-only. Choose another folder with Browse…, then save."),
        "printer_setting_invalid": QCoreApplication.translate("Errors", "The printer setting \"{field}\" is not valid. Check it and save again."),
        "id_format": QCoreApplication.translate("Errors", "The ID number is not in the right form. A resident ID has 17 digits and a digit or X."),
        "id_region": QCoreApplication.translate("Errors", "The ID number's region code does not exist. Check the first six digits."),
        "id_birth_date": QCoreApplication.translate("Errors", "The ID number's date of birth is not a real date. Check the digits 7 to 14."),
        "id_check_digit": QCoreApplication.translate("Errors", "The ID number does not add up (wrong last character). Check it against the card."),
        "uscc_format": QCoreApplication.translate("Errors", "The credit code is not 18 characters of digits and letters (no I, O, S, V or Z)."),
        "uscc_region": QCoreApplication.translate("Errors", "The credit code's region does not exist. Check it against the licence."),
        "uscc_check_digit": QCoreApplication.translate("Errors", "The credit code does not add up (wrong last character). Check it against the licence."),
        "id_type_invalid": QCoreApplication.translate("Errors", "Choose the kind of ID from the list."),
        "sender_name_missing": QCoreApplication.translate("Errors", "Type the sender's name as on the ID."),
        "company_name_missing": QCoreApplication.translate("Errors", "Type the company's name as on its licence."),
        "not_inspected": QCoreApplication.translate("Errors", "Open and inspect the item, then tick the inspection box. The law requires it."),
        "payment_invalid": QCoreApplication.translate("Errors", "Choose how the sender pays."),
        "sender_missing": QCoreApplication.translate("Errors", "Register the sender first (real-name is the law)."),
        "sending_incomplete": QCoreApplication.translate("Errors", "Fill in the recipient's name, the address and what the item is."),
        "item_prohibited": QCoreApplication.translate("Errors", "REFUSED: {keyword} is a prohibited item ({category}). The parcel cannot be sent; the refusal is recorded."),
        "item_restricted": QCoreApplication.translate("Errors", "{keyword} is a restricted item ({category}): a supervisor must check and approve it."),
        "city_not_in_province": QCoreApplication.translate("Errors", "{city} is in {belongs}, not in {province}. Check the province and the city with the sender."),
        "waybill_used": QCoreApplication.translate("Errors", "Waybill {waybill} is already used for another parcel. Scan the right waybill."),
        "consignment_range_used_up": QCoreApplication.translate("Errors", "The station's consignment numbers are used up. Ask county IT for a new range."),
        "no_price": QCoreApplication.translate("Errors", "There is no price for {courier} to {province}. Choose another courier or call county IT."),
        "month_invalid": QCoreApplication.translate("Errors", "{month} is not a month. Type the year and month as 2026-11 (month 01 to 12)."),
        "weight_negative": QCoreApplication.translate("Errors", "{field} cannot be negative. Type the weight shown on the scale in kilograms, for example 2.35."),
        "weight_invalid": QCoreApplication.translate("Errors", "Type the weight in kilograms, for example 2.35."),
        "money_invalid": QCoreApplication.translate("Errors", "Type the amount in yuan, for example 12.80."),
        "consignor_name_missing": QCoreApplication.translate("Errors", "Type the farmer's name."),
        "consignor_exists": QCoreApplication.translate("Errors", "A farmer with the phone ending {tail} is already registered. Look them up by phone."),
        "payout_invalid": QCoreApplication.translate("Errors", "Choose how the farmer is paid."),
        "product_unknown": QCoreApplication.translate("Errors", "That product is not in the county's catalogue."),
        "grade_unknown": QCoreApplication.translate("Errors", "Grade {grade} is not one of this product's grades."),
        "net_weight_not_positive": QCoreApplication.translate("Errors", "Tare and deductions are more than the gross weight. Check the weights."),
        "boxes_invalid": QCoreApplication.translate("Errors", "The number of boxes must be 1 to 500."),
        "consignor_unknown": QCoreApplication.translate("Errors", "Find or add the farmer first."),
        "lot_unknown": QCoreApplication.translate("Errors", "There is no lot {lot}. Check the lot number on the receipt."),
        "sale_exceeds_lot": QCoreApplication.translate("Errors", "That is more than what is left of lot {lot}: {left_kg} kg left. Check the weight."),
        "sale_invalid": QCoreApplication.translate("Errors", "Type a sold weight above 0 and an amount that is not negative."),
        "feed_item_malformed": QCoreApplication.translate("Errors", "The item is incomplete or damaged."),
        "nothing_to_settle": QCoreApplication.translate("Errors", "This farmer has no sales to settle yet."),
        "settlement_negative": QCoreApplication.translate("Errors", "The fees are more than the sales. Check the fees."),
        "settlement_unknown": QCoreApplication.translate("Errors", "Settle first, then record the payout."),
        "already_paid": QCoreApplication.translate("Errors", "This settlement is already paid."),
        "dispatch_already_open": QCoreApplication.translate("Errors", "A hand-over list is already open. Close it first."),
        "nothing_waiting": QCoreApplication.translate("Errors", "Nothing is waiting for the bus."),
        "dispatch_unknown": QCoreApplication.translate("Errors", "That hand-over list does not exist."),
        "not_on_manifest": QCoreApplication.translate("Errors", "STOP: {code} is not on this hand-over list. Keep it at the station."),
        "already_scanned": QCoreApplication.translate("Errors", "{code} is already on the bus."),
        "dispatch_closed": QCoreApplication.translate("Errors", "This hand-over list is already closed."),
        "dispatch_missing": QCoreApplication.translate("Errors", "{n} items are not scanned yet. Scan them, or close and leave them for the next run."),
        "bill_type_unknown": QCoreApplication.translate("Errors", "Choose the kind of bill from the list."),
        "bill_account_invalid": QCoreApplication.translate("Errors", "The account number does not fit this kind of bill: {hint}. Check it on the bill."),
        "payer_name_missing": QCoreApplication.translate("Errors", "Type the payer's name."),
        "channel_invalid": QCoreApplication.translate("Errors", "Choose how it was paid."),
        "void_needs_reason": QCoreApplication.translate("Errors", "Say why the payment is voided."),
        "payment_unknown": QCoreApplication.translate("Errors", "That payment does not exist."),
        "already_voided": QCoreApplication.translate("Errors", "This payment is already voided."),
        "service_unknown": QCoreApplication.translate("Errors", "Choose the service from the list."),
        "villager_name_missing": QCoreApplication.translate("Errors", "Type the villager's name."),
        "service_type_missing": QCoreApplication.translate("Errors", "Choose the kind of business for {hint}."),
        "service_id_missing": QCoreApplication.translate("Errors", "{hint} needs the villager's ID: choose the ID type and type its number."),
        "service_reference_missing": QCoreApplication.translate("Errors", "Type the reference (transaction or receipt number) for this service."),
        "service_record_unknown": QCoreApplication.translate("Errors", "That service record does not exist."),
        "service_already_voided": QCoreApplication.translate("Errors", "This service is already voided."),
        "inbound_plate_missing": QCoreApplication.translate("Errors", "Type or scan the bus's plate number (at most 16 characters)."),
        "inbound_driver_too_long": QCoreApplication.translate("Errors", "The driver's name is too long: type it again."),
        "inbound_route_missing": QCoreApplication.translate("Errors", "Choose the bus run from the timetable."),
        "inbound_run_open": QCoreApplication.translate("Errors", "A bus run is still open. Close it before starting the next one."),
        "inbound_run_unknown": QCoreApplication.translate("Errors", "That bus run does not exist."),
        "inbound_run_closed": QCoreApplication.translate("Errors", "This bus run is already closed."),
        "day_closed": QCoreApplication.translate("Errors", "The business day {day} is closed. Enter it on the open day, or ask a supervisor to reopen {day}."),
        "day_in_future": QCoreApplication.translate("Errors", "A day in the future cannot be closed."),
        "cash_difference_needs_reason": QCoreApplication.translate("Errors", "The cash differs from what is expected. Count again, or write the reason."),
        "cash_expected_negative": QCoreApplication.translate("Errors", "The expected cash is below zero: {short} more was paid out in cash than the float and the cash taken. A drawer cannot hold less than nothing, so this morning's float must have been at least {least}. Set the float to what was really in the drawer this morning (Change float), then close."),
        "float_invalid": QCoreApplication.translate("Errors", "Type the float in yuan, 0 or more, for example 200.00."),
        "float_needs_reason": QCoreApplication.translate("Errors", "Say why the float is changed (for example: the drawer was topped up this morning)."),
        "reopen_needs_reason": QCoreApplication.translate("Errors", "Say why the day is reopened."),
        "day_not_closed": QCoreApplication.translate("Errors", "That day is not closed."),
        "backup_failed": QCoreApplication.translate("Errors", "The backup could not be written to {path}. Check the drive and try again."),
        "report_not_saved": QCoreApplication.translate("Errors", "The day report could not be saved to {path}. Check the disk; the day is closed and its figures are kept."),
        "backup_unreadable": QCoreApplication.translate("Errors", "{path} is not a sound station backup. Nothing was restored; try another copy."),
        "export_failed": QCoreApplication.translate("Errors", "The file {path} could not be written. Check the disk and the folder, then try again."),
        "disk_full": QCoreApplication.translate("Errors", "The disk holding {path} is full. Nothing was changed. Free some space on it, then try again."),
        "folder_in_use": QCoreApplication.translate("Errors", "The station app or a sync is using the data folder {path}. Close the app (and wait for the sync to finish), then try again. Nothing was changed."),
        "backup_not_station": QCoreApplication.translate("Errors", "{path} is not a backup of a station made by this app. Nothing was restored; choose the right file."),
        "backup_too_new": QCoreApplication.translate("Errors", "{path} was made by a newer version of the app. Nothing was restored; install the latest version first."),
        "backup_other_station": QCoreApplication.translate("Errors", "This backup is of station {backup}, but this PC is station {here}. Nothing was restored. Only if this PC is to become {backup}, county IT restores it with: station-app restore FILE --other-station"),
        "stocktake_none": QCoreApplication.translate("Errors", "No stocktake is open. Press Start a stocktake first."),
        "stocktake_open": QCoreApplication.translate("Errors", "A stocktake is already open. Go on with it, or finish it first."),
        "stocktake_finished": QCoreApplication.translate("Errors", "This stocktake is finished. Start a new one to count again."),
        "stocktake_shelf_first": QCoreApplication.translate("Errors", "Scan the shelf label (or choose the shelf) first, then scan the parcels on it."),
        "stocktake_shelf_unknown": QCoreApplication.translate("Errors", "There is no shelf {shelf}. Scan a shelf label of this station or choose a shelf from the list."),
        "stocktake_already_scanned": QCoreApplication.translate("Errors", "{waybill} was already counted on shelf {shelf}. Go on with the next parcel."),
        "stocktake_not_misplaced": QCoreApplication.translate("Errors", "Only a misplaced parcel can be re-shelved here. Choose one in the misplaced list."),
        "stocktake_not_missing": QCoreApplication.translate("Errors", "Only a parcel this stocktake found missing can be marked lost. Choose one in the missing list."),
        "stocktake_already_corrected": QCoreApplication.translate("Errors", "This parcel was already dealt with in this stocktake. Nothing was changed."),
        "stocktake_lost_after_finish": QCoreApplication.translate("Errors", "A parcel can be marked lost only after the stocktake is finished: it may still turn up on another shelf."),
        "restore_failed": QCoreApplication.translate("Errors", "The backup could not be put in place ({path}). The station's data is unchanged; check the disk and try again."),
        "cod_unpaid": QCoreApplication.translate("Errors", "STOP: {waybill} has {amount} to pay on delivery. Collect it (or ask a supervisor to waive it) before handing the parcel over."),
        "cod_amount_invalid": QCoreApplication.translate("Errors", "Type the amount to collect in yuan, more than 0, for example 25.00."),
        "cod_already_settled": QCoreApplication.translate("Errors", "The amount due on {waybill} is already collected or waived."),
        "cod_none": QCoreApplication.translate("Errors", "{waybill} has nothing to pay on delivery."),
        "reference_needed": QCoreApplication.translate("Errors", "Type the payment's reference (the transaction number on the phone) for a payment not in cash."),
        "waive_needs_reason": QCoreApplication.translate("Errors", "Say why the amount due is waived."),
        "remit_needs_reference": QCoreApplication.translate("Errors", "Type the reference of the remittance (the transfer number, or the courier's receipt number)."),
        "remit_too_much": QCoreApplication.translate("Errors", "Only {owed} of cash on delivery is owed to this courier; {amount} is more. Check the amount."),
        "statement_already_agreed": QCoreApplication.translate("Errors", "The statement for {month} is already agreed."),
        "statement_empty": QCoreApplication.translate("Errors", "There is no fee on the statement for {month}: nothing to agree."),
        "statement_not_agreed": QCoreApplication.translate("Errors", "Agree the statement for {month} with the courier first, then record the payment."),
        "statement_already_paid": QCoreApplication.translate("Errors", "The statement for {month} is already marked paid."),
        "courier_file_unreadable": QCoreApplication.translate("Errors", "{path} cannot be read as the courier's statement. Save it as CSV or .xlsx and try again."),
        "courier_file_invalid": QCoreApplication.translate("Errors", "The courier's file was not read: {count} lines have problems. Fix them and import again."),
    }


def _line_problems() -> dict[str, str]:
    return {
        "bad_header": QCoreApplication.translate("Manifest", "the first line must be: waybill,courier,recipient_name,recipient_phone"),
        "too_few_columns": QCoreApplication.translate("Manifest", "fewer than 4 columns"),
        "bad_waybill": QCoreApplication.translate("Manifest", "not a waybill number"),
        "duplicate_waybill": QCoreApplication.translate("Manifest", "the same waybill appears on an earlier line"),
        "unknown_courier": QCoreApplication.translate("Manifest", "unknown courier"),
        "privacy_needs_name": QCoreApplication.translate("Manifest", "a privacy phone needs the recipient's name"),
        "bad_phone": QCoreApplication.translate("Manifest", "not a mobile number"),
        "too_many_rows": QCoreApplication.translate("Manifest", "too many rows; split the file"),
        "empty": QCoreApplication.translate("Manifest", "the file has no rows"),
        "mixed_encoding": QCoreApplication.translate("Manifest", "this line is in another text encoding (UTF-8 or GBK) than the lines before it; save the whole file again as one CSV (UTF-8)"),
        "field_too_long": QCoreApplication.translate("Manifest", "a field is far too long; check the file is a manifest"),
        "bad_csv": QCoreApplication.translate("Manifest", "not readable as CSV"),
        "bad_cod": QCoreApplication.translate("Manifest", "the amount to pay on delivery is not an amount in yuan"),
        "bad_amount": QCoreApplication.translate("Manifest", "the fee is not an amount in yuan"),
        "courier_file_header": QCoreApplication.translate("Manifest", "the first line must name the waybill column (运单号) and the fee column (派费 or 金额)"),
    }


def weight_text(grams: int) -> str:
    """A weight for the clerk in the interface's unit word: 2.35 公斤 (Chinese), 2.35 kg (English)."""
    number = f"{grams // 1000}.{grams % 1000:03d}".rstrip("0").rstrip(".")
    return QCoreApplication.translate("Units", "{n} kg").format(n=number)


def money_methods() -> dict[str, str]:
    """How money changes hands, for every page's combo (each page offers the codes its core accepts)."""
    return {"cash": QCoreApplication.translate("Money", "Cash"), "wechat": QCoreApplication.translate("Money", "WeChat Pay"),
            "alipay": QCoreApplication.translate("Money", "Alipay"), "bank": QCoreApplication.translate("Money", "Bank card"),
            "bank_card": QCoreApplication.translate("Money", "Bank card"),
            "account": QCoreApplication.translate("Money", "On account"),
            "transfer": QCoreApplication.translate("Money", "Bank transfer")}


def fill_methods(combo, codes: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    words = money_methods()
    for code in codes:
        combo.addItem(words[code], code)


def statuses() -> dict[str, str]:
    return {"in_stock": QCoreApplication.translate("Status", "On shelf"), "picked_up": QCoreApplication.translate("Status", "Picked up"),
            "returned": QCoreApplication.translate("Status", "Returned")}


def _printer_fields() -> dict[str, str]:
    return {
        "backend": QCoreApplication.translate("PrinterField", "printer type"),
        "language": QCoreApplication.translate("PrinterField", "printer language"),
        "dpi": QCoreApplication.translate("PrinterField", "resolution"),
        "darkness": QCoreApplication.translate("PrinterField", "darkness"),
        "port": QCoreApplication.translate("PrinterField", "port"),
        "offset": QCoreApplication.translate("PrinterField", "shift"),
        "queue": QCoreApplication.translate("PrinterField", "printer / queue"),
        "host": QCoreApplication.translate("PrinterField", "network address"),
        "path": QCoreApplication.translate("PrinterField", "folder or file"),
    }


def error_text(err: StationError) -> str:
    """The sentence for an error; an unknown code still says something useful."""
    template = _errors().get(err.code)
    if template is None:
        return QCoreApplication.translate("Errors", "The request was refused ({code}). Nothing was changed.").format(
            code=err.code)
    params = dict(err.params)
    if "status" in params:
        params["status"] = statuses().get(params["status"], params["status"])
    if err.code == "printer_setting_invalid":
        params["field"] = _printer_fields().get(params.get("field", ""), params.get("field", ""))
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def manifest_lines(err: ManifestError) -> list[str]:
    """One line per bad manifest row: 'line 7: not a mobile number (1381234)'."""
    problems = _line_problems()
    line = QCoreApplication.translate("Manifest", "line {number}: {problem} ({value})")
    return [line.format(number=n, problem=problems.get(code, code), value=value) for n, code, value in err.problems]


def _sync_errors() -> dict[str, str]:
    return {
        "network": QCoreApplication.translate("Sync", "No connection to the county server. Work goes on; it will sync when the line is back."),
        "server_busy": QCoreApplication.translate("Sync", "The county server is busy. It will try again shortly."),
        "server_error": QCoreApplication.translate("Sync", "The county server had a problem. It will try again; if it lasts, call county IT."),
        "server_nonsense": QCoreApplication.translate("Sync", "The county server answered something this app does not understand. Nothing was changed; call county IT."),
        "credentials_expired": QCoreApplication.translate("Sync", "This station's sync key has expired. Ask county IT for a new enrolment code."),
        "credentials_revoked": QCoreApplication.translate("Sync", "This station's sync key was withdrawn. Ask county IT for a new enrolment code."),
        "credentials_unknown": QCoreApplication.translate("Sync", "The county server does not know this station's key. Ask county IT for a new enrolment code."),
        "credentials_missing": QCoreApplication.translate("Sync", "The county server does not know this station's key. Ask county IT for a new enrolment code."),
        "enrolment_refused": QCoreApplication.translate("Sync", "The enrolment code is wrong, used or expired. Check it or ask county IT for a new one."),
        "not_enrolled": QCoreApplication.translate("Sync", "This station has not joined the county server yet. Enrol it with the code from county IT."),
        "tls_untrusted": QCoreApplication.translate("Sync", "The server's certificate is not signed by the county CA in the settings, so nothing was sent. Call county IT."),
        "ref_corrupt": QCoreApplication.translate("Sync", "County reference data arrived damaged; the old data stays in use. It will try again."),
        "no_station": QCoreApplication.translate("Sync", "Set up the station first."),
        "sync_busy": QCoreApplication.translate("Sync", "Another sync of this station is running; this one will try again shortly."),
        "database_replaced": QCoreApplication.translate("Sync", "The station database was restored from a backup while this sync waited; nothing was sent. Run the sync again."),
        "feed_refused": QCoreApplication.translate("Sync", "Some items from the county could not be entered; see the county messages. The county has been told."),
        "op_too_large": QCoreApplication.translate("Sync", "Some records are too large to upload and were set aside. Call county IT."),
        "seq_suspicious": QCoreApplication.translate("Sync", "The county reported more records from this PC than it ever sent; nothing was changed. Call county IT."),
        "body_too_large": QCoreApplication.translate("Sync", "A record is too large for the county server. Call county IT."),
    }


def sync_error_text(err: Exception) -> str:
    return sync_code_text(getattr(err, "code", ""))


def sync_code_text(code: str) -> str:
    return _sync_errors().get(code) or QCoreApplication.translate("Sync", "Sync failed ({code}). It will try again.").format(code=code)


def feed_refusal_text(kind: str, code: str, params: dict[str, object]) -> str:
    """What the clerk reads about a county feed item the station could not enter (the county was told)."""
    reason = error_text(StationError(code, **params))
    if kind == "sale_result":
        return QCoreApplication.translate("Sync", "The county's sale result could not be entered: {reason} "
                                                  "The county has been told.").format(reason=reason)
    return QCoreApplication.translate("Sync", "An item from the county could not be entered: {reason} "
                                              "The county has been told.").format(reason=reason)


def set_aside_text(op_type: str, size: int) -> str:
    return QCoreApplication.translate(
        "Sync", "A {type} record of {mb} MB is too large to upload and was set aside; the rest went on. "
        "Call county IT to collect it.").format(type=op_type, mb=max(1, round(size / 1_048_576)))
