package dev.rehearsal.data.internal;

import dev.rehearsal.schema.ColumnType.Kind;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a column holds, read from its name (and its table's): an email, a price, a creation time. Decides which
 * realistic values it gets.
 */
enum Semantic {
    EMAIL, FIRST_NAME, LAST_NAME, FULL_NAME, USERNAME, PHONE, STREET, CITY, STATE, ZIP, COUNTRY, COUNTRY_CODE, COMPANY,
    PRODUCT, URL, IP, TEXT, TITLE, JOB, MONEY, QUANTITY, AGE, YEAR, RATING, PERCENT, PRIORITY, POSITION, VERSION,
    LATITUDE, LONGITUDE, CURRENCY, COLOR, CODE, STATUS, WORD, IDENTIFIER, HASH, DATE_TEXT, TIMESTAMP_TEXT, BIRTH_DATE,
    FLAG, JSON, DURATION, GENERIC;

    private record Rule(Pattern pattern, Semantic semantic) {
    }

    private static final List<Rule> RULES = List.of(
            rule("e_?mail(_address)?|.*_email", EMAIL),
            rule("(first|given)_?name", FIRST_NAME),
            rule("(last|family|sur)_?name|surname", LAST_NAME),
            rule("(full_?name|display_name|contact_name|customer_name|author|owner_name)", FULL_NAME),
            rule("user_?name|login|handle|nick(name)?", USERNAME),
            rule(".*(phone|mobile|fax|tel)(_number)?", PHONE),
            rule("(street|address)(_line)?_?\\d?|address_\\d|line_?\\d", STREET),
            rule("city|town", CITY),
            rule("state|province|region|county", STATE),
            rule("zip(_?code)?|postal_?code|post_?code", ZIP),
            rule("country_?code|country_iso|iso_country", COUNTRY_CODE),
            rule("country|nation", COUNTRY),
            rule("company(_name)?|organi[sz]ation|employer|vendor(_name)?|supplier(_name)?", COMPANY),
            rule("product(_name)?|item_name", PRODUCT),
            rule(".*(url|uri|website|homepage|link)", URL),
            rule("ip(_?address)?|.*_ip", IP),
            rule("description|bio|about|notes?|comments?|body|content|message|summary|text|remarks|reason|details?"
                    + "|.*_description|.*_message|.*_reason", TEXT),
            rule("title|subject|headline|label", TITLE),
            rule("job(_title)?|position_title|occupation", JOB),
            rule(".*(price|amount|total|cost|balance|subtotal|fee|salary|revenue|tax|discount|paid)", MONEY),
            rule("qty|quantity|.*_qty|.*_quantity|stock|units|items", QUANTITY),
            rule("age", AGE),
            rule("year|.*_year", YEAR),
            rule("rating|stars", RATING),
            rule("score|percent(age)?|.*_percent|progress", PERCENT),
            rule("priority|.*_priority|level|weight", PRIORITY),
            rule("position|sort_?order|rank|seq(uence)?|ordinal|idx|line_?no|line_number", POSITION),
            rule("version|revision|.*_version", VERSION),
            rule("lat(itude)?", LATITUDE),
            rule("lng|lon(gitude)?", LONGITUDE),
            rule("currency(_code)?", CURRENCY),
            rule("colou?r", COLOR),
            rule("sku|code|.*_code|ref(erence)?|.*_ref|barcode|isbn", CODE),
            rule("status|.*_status|state_name|phase|stage", STATUS),
            rule("type|.*_type|kind|category|tag|group|role|source|channel|method|mode|domain", WORD),
            rule("uuid|guid|.*_uuid|.*_guid|id|.*_id|.*_key|token|correlation.*", IDENTIFIER),
            rule("password(_hash)?|.*_hash|hash|secret|checksum|digest|signature", HASH),
            rule("(birth_?date|dob|birthday|date_of_birth)", BIRTH_DATE),
            rule(".*(date|day)(_str)?|.*_on", DATE_TEXT),
            rule(".*(_at|_time|time|timestamp|created|updated|modified)", TIMESTAMP_TEXT),
            rule("(is|has|can|should|was)_.*|.*_(enabled|flag|active|deleted|verified)|active|enabled|deleted|archived"
                    + "|verified|visible|published|locked", FLAG),
            rule(".*json.*|data|payload|metadata|meta|attributes|properties|settings|config(uration)?|extra|context"
                    + "|input|output|params|parameters", JSON),
            rule(".*(duration|timeout|seconds|millis|_ms|_sec|elapsed|interval)", DURATION));

    private static Rule rule(String regex, Semantic semantic) {
        return new Rule(Pattern.compile(regex), semantic);
    }

    /** The meaning of a column, given its name, its table's name and its kind. */
    static Semantic of(String table, String column, Kind kind) {
        String name = column.toLowerCase(Locale.ROOT);
        String tableName = table.toLowerCase(Locale.ROOT);
        if (name.equals("name")) {
            if (tableName.matches(".*(compan|organi|vendor|supplier|customer_org|tenant).*")) {
                return COMPANY;
            }
            if (tableName.matches(".*(product|item|article|sku).*")) {
                return PRODUCT;
            }
            if (tableName.matches(".*(user|customer|person|people|employee|member|author|contact|client|patient|student).*")) {
                return FULL_NAME;
            }
            return WORD;
        }
        for (Rule rule : RULES) {
            if (rule.pattern.matcher(name).matches()) {
                return rule.semantic;
            }
        }
        return GENERIC;
    }
}
