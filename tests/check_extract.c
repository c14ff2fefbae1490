/* Entity and claim stages through nc_doc_json(): which numbers become
 * claims, their measure, source, time and place, and the entities. */
#include <stdio.h>
#include <jansson.h>
#include "testutil.h"

/* Extract text (with an optional publication date) and return the parsed
 * document object; the caller frees it with json_decref. */
static json_t *extract(const char *text, const char *date)
{
    nc_doc *d = load_str(text);
    if (date)
        ck_assert_int_eq(nc_doc_set_meta(d, NC_META_DATE, date), NC_OK);
    char *js = NULL;
    ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_DEFAULT, &js, NULL, NULL), NC_OK);
    json_error_t je;
    json_t *o = json_loads(js, 0, &je);
    ck_assert_msg(o != NULL, "bad JSON: %s", je.text);
    nc_free(js);
    nc_doc_free(d);
    return o;
}

static json_t *claim_with_low(json_t *doc, double low)
{
    json_t *claims = json_object_get(doc, "claims"), *c;
    size_t i;
    json_array_foreach(claims, i, c) {
        json_t *l = json_object_get(c, "low");
        if (json_is_number(l) && json_number_value(l) == low)
            return c;
    }
    return NULL;
}

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Whether document d has an entity named n of type ty (any type if NULL). */
static int has_entity(json_t *d, const char *n, const char *ty)
{
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        if (!strcmp(str(e, "name"), n) && (!ty || !strcmp(str(e, "type"), ty)))
            return 1;
    }
    return 0;
}

START_TEST(test_claim_fields)
{
    json_t *d = extract("Officials met on Monday. The interior minister said 808 prisoners had been "
                        "released since 8 January.", "2026-01-30");
    json_t *c = claim_with_low(d, 808);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq((int)json_integer_value(json_object_get(c, "value")), 808);
    ck_assert_str_eq(str(c, "qualifier"), "exact");
    ck_assert_str_eq(str(c, "measure"), "prisoners");
    ck_assert_str_eq(str(c, "measure_key"), "prisoner");
    json_t *src = json_object_get(c, "source");
    ck_assert_str_eq(str(src, "type"), "ROLE");
    ck_assert_str_eq(str(src, "name"), "The interior minister");
    ck_assert_str_eq(str(src, "cue"), "said");
    json_t *tm = json_object_get(c, "time");
    ck_assert_str_eq(str(tm, "start"), "2026-01-08");
    ck_assert_str_eq(str(tm, "end"), "2026-01-30");
    ck_assert_str_eq(str(tm, "text"), "since 8 January");
    /* Offsets are into the text. */
    ck_assert_str_eq(str(c, "text"), "808 prisoners");
    json_decref(d);
}
END_TEST

START_TEST(test_not_claims)
{
    /* Years, dates, durations, a bare "one", counts without a measure. */
    json_t *d = extract("In 2020 the law, passed on 5 March, had stood for 23 years. One of them left. "
                        "It was 3.", "2026-01-30");
    ck_assert_uint_eq(json_array_size(json_object_get(d, "claims")), 0);
    json_decref(d);
}
END_TEST

START_TEST(test_bounds_and_units)
{
    json_t *d = extract("At least 18 Colombians were freed. Profits rose 15% to $56m. Shares fell 65 cents. "
                        "Between 800 and 1,200 political prisoners remain.", NULL);
    json_t *c = claim_with_low(d, 18);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(str(c, "qualifier"), "at_least");
    ck_assert_int_eq((int)json_number_value(json_object_get(c, "high")), 18);
    c = claim_with_low(d, 56000000);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(str(c, "unit"), "USD");
    ck_assert_str_eq(str(c, "measure"), "Profits"); /* inherited from "15%" */
    c = claim_with_low(d, 15);
    ck_assert_str_eq(str(c, "unit"), "%");
    c = claim_with_low(d, 0.65);
    ck_assert_ptr_nonnull(c);
    c = claim_with_low(d, 800);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(str(c, "qualifier"), "range");
    ck_assert_int_eq((int)json_number_value(json_object_get(c, "high")), 1200);
    ck_assert(json_is_null(json_object_get(c, "value")));
    json_decref(d);
}
END_TEST

START_TEST(test_measure_keys)
{
    json_t *d = extract("She won 3 singles matches. Officials opened 12 boxes. They counted 40 countries. "
                        "Shops sold 70 PCs.", NULL);
    ck_assert_str_eq(str(claim_with_low(d, 70), "measure_key"), "pc");
    ck_assert_str_eq(str(claim_with_low(d, 3), "measure_key"), "single match");
    ck_assert_str_eq(str(claim_with_low(d, 12), "measure_key"), "box");
    ck_assert_str_eq(str(claim_with_low(d, 40), "measure_key"), "country");
    json_decref(d);
    /* a plain ASCII word is lower-cased on the stack, any other is folded
     * (accents dropped): one key either way */
    d = extract("The chain opened 12 Cafés in May. Officials counted 40 Countries.", NULL);
    ck_assert_str_eq(str(claim_with_low(d, 12), "measure_key"), "cafe");
    ck_assert_str_eq(str(claim_with_low(d, 40), "measure_key"), "country");
    json_decref(d);
    /* words of eight bytes and more are lower-cased eight at a time; an
     * accent past the first eight is folded all the same */
    d = extract("The firm sold 40 MOTORCYCLES last week. They built 30 SuperTankers and 12 Motorcyclé-trailers.",
                NULL);
    ck_assert_str_eq(str(claim_with_low(d, 40), "measure_key"), "motorcycle");
    ck_assert_str_eq(str(claim_with_low(d, 30), "measure_key"), "supertanker");
    ck_assert_str_eq(str(claim_with_low(d, 12), "measure_key"), "motorcycle-trailer");
    json_decref(d);
}
END_TEST

START_TEST(test_measure_before_and_links)
{
    /* The head of a prepositional phrase before a change verb; auxiliaries
     * skipped; a count after "to" counts what the figure before it counts;
     * a bracketed conversion skipped; a possessive after "of". */
    json_t *d = extract("Shares in Acme Widgets fell 4% on the news. Exports for the quarter rose by 12%. "
                        "Ticket sales rose 5% to 40,000. About 30% of their members voted. "
                        "The $4bn (£2bn) merger was approved. Profits have fallen 8%.", NULL);
    ck_assert_str_eq(str(claim_with_low(d, 4), "measure_key"), "share in acme widget");
    ck_assert_str_eq(str(claim_with_low(d, 12), "measure_key"), "export for quarter");
    ck_assert_str_eq(str(claim_with_low(d, 40000), "measure_key"), "ticket sale");
    ck_assert_str_eq(str(claim_with_low(d, 40000), "text"), "40,000"); /* the measure is borrowed */
    ck_assert_str_eq(str(claim_with_low(d, 30), "measure_key"), "member voted");
    ck_assert_str_eq(str(claim_with_low(d, 4e9), "measure_key"), "merger");
    ck_assert_str_eq(str(claim_with_low(d, 8), "measure_key"), "profit");
    json_decref(d);
    /* A decimal count before a singular noun names a kind ("3.5 generation
     * modem"); before a plural it counts. */
    d = extract("The phone has a 3.5 generation modem. The lab bought 2.5 million radios. The screen is 1.5 metre "
                "wide.", NULL);
    ck_assert_ptr_null(claim_with_low(d, 3.5));
    ck_assert_ptr_nonnull(claim_with_low(d, 2.5e6));
    ck_assert_ptr_nonnull(claim_with_low(d, 1.5)); /* a unit in the singular */
    json_decref(d);
}
END_TEST

START_TEST(test_measure_shapes)
{
    /* small vague quantities and odds are no figures; "N out of every M
     * X"; coordinated modifiers; prices; "N times" counts occasions unless
     * a comparison follows; what a possessor owns after "of". */
    json_t *d = extract("Only a handful of staff knew, and a few fans came. Six out of every 10 planes were late. "
                        "The airline cut 77 short and long-haul flights. Tickets cost £20. "
                        "Priced at £229, the console is dear. The champion won the title five times. "
                        "Sales were twelve times higher. Kenzie is favourite at 2/9. "
                        "The firm sold 15% of the company's shares.", NULL);
    ck_assert_ptr_null(claim_with_low(d, 2)); /* a handful */
    ck_assert_ptr_null(claim_with_low(d, 3)); /* a few */
    ck_assert_str_eq(str(claim_with_low(d, 6), "measure_key"), "plane");
    ck_assert_str_eq(str(claim_with_low(d, 77), "measure_key"), "short and long-haul flight");
    ck_assert_str_eq(str(claim_with_low(d, 20), "measure_key"), "ticket cost");
    ck_assert_str_eq(str(claim_with_low(d, 229), "measure_key"), "price");
    ck_assert_str_eq(str(claim_with_low(d, 5), "measure_key"), "time");
    ck_assert_ptr_null(claim_with_low(d, 12)); /* a multiplier */
    ck_assert_int_eq(json_array_size(json_object_get(d, "claims")), 7); /* no 2/9 */
    ck_assert_str_eq(str(claim_with_low(d, 15), "measure_key"), "share");
    json_decref(d);
    /* An adverb after a count leaves the noun out: the figure before's. */
    d = extract("Leeds are four points behind Hull and five back from York. Sales rose to $9m worldwide.", NULL);
    ck_assert_str_eq(str(claim_with_low(d, 5), "measure_key"), "point");
    ck_assert_str_eq(str(claim_with_low(d, 9e6), "measure_key"), "sale");
    json_decref(d);
    /* "15% more passengers" counts passengers; "18% more likely" does not
     * skip "more". */
    d = extract("Income dropped 4%, though 12% more travellers were flown.", NULL);
    ck_assert_str_eq(str(claim_with_low(d, 12), "measure_key"), "traveller");
    json_decref(d);
}
END_TEST

START_TEST(test_sources)
{
    json_t *d = extract("According to the health ministry, 42 patients died. Rights advocates estimate that "
                        "hundreds of detainees remain. They reported 86 of those detained were foreigners. "
                        "Prices rose 3%.", "2026-01-09");
    json_t *c = claim_with_low(d, 42);
    ck_assert_str_eq(str(json_object_get(c, "source"), "cue"), "according to");
    ck_assert_str_eq(str(json_object_get(c, "source"), "name"), "the health ministry");
    json_t *claims = json_object_get(d, "claims"), *x;
    size_t i;
    int vague = 0;
    json_array_foreach(claims, i, x) {
        if (str(x, "vague") && !strcmp(str(x, "vague"), "hundreds")) {
            vague = 1;
            ck_assert_str_eq(str(json_object_get(x, "source"), "name"), "Rights advocates");
            ck_assert_str_eq(str(json_object_get(x, "source"), "cue"), "estimate");
        }
    }
    ck_assert(vague);
    c = claim_with_low(d, 86); /* "They": the previous sentence's source */
    ck_assert_str_eq(str(json_object_get(c, "source"), "name"), "Rights advocates");
    ck_assert_str_eq(str(c, "measure"), "those detained");
    c = claim_with_low(d, 3);
    ck_assert(json_is_null(json_object_get(c, "source"))); /* the outlet's own statement */
    json_decref(d);
}
END_TEST

static const char *source_name(json_t *c)
{
    json_t *src = json_object_get(c, "source");
    return json_is_object(src) ? str(src, "name") : NULL;
}

START_TEST(test_sources_anaphora)
{
    /* A passive cue names no source; "she" is the last person named; a
     * figure inside a quotation takes the speaker of the quotation before;
     * "they" right after a cue verb is that verb's subject; "the survey"
     * is the one named before; "the company" the last organisation. */
    json_t *d = extract("Growth is forecast to reach 4% next year. Maria Lopez runs the clinic in Leeds. "
                        "\"We treated 40 patients,\" she said. \"It was a hard winter,\" said Maria Lopez. "
                        "\"We hired 12 nurses.\" Companies reported they expect to hire 500 staff. "
                        "A survey by Gallup found 60% of voters were undecided. The survey found 25% of voters "
                        "had moved. Toyota has built a plant in Ohio. The company said it employs 900 workers.",
                        NULL);
    ck_assert_ptr_null(source_name(claim_with_low(d, 4)));
    ck_assert_str_eq(source_name(claim_with_low(d, 40)), "Maria Lopez");
    ck_assert_str_eq(source_name(claim_with_low(d, 12)), "Maria Lopez");
    ck_assert_ptr_null(source_name(claim_with_low(d, 500)));
    ck_assert_str_eq(source_name(claim_with_low(d, 60)), "Gallup");
    ck_assert_str_eq(source_name(claim_with_low(d, 25)), "Gallup");
    ck_assert_str_eq(source_name(claim_with_low(d, 900)), "Toyota");
    json_decref(d);
    /* A place that owns the next name is no source; an apposition before
     * "has said" is skipped back to its head. */
    d = extract("The actor earned 4.2m Euros (£2.9m) in 2024, according to a list compiled by Spain's El Mundo "
                "daily.", NULL);
    {
        /* the source is the newspaper when the tagger finds it, else none:
         * never the country */
        const char *src = source_name(claim_with_low(d, 4.2e6));
        ck_assert(src == NULL || !strcmp(src, "El Mundo"));
    }
    json_decref(d);
    /* "accused of" names the accused; a cue verb that is a noun after a
     * preposition ("ahead of IMF forecasts") and a document after one
     * ("polled for the survey say") name no source. */
    d = extract("The hearing of Tom Reed, accused of hiding $450m, opens today. Output grew 5% a year, "
                "ahead of OECD forecasts. About 31% of the managers polled for the study say they hired.", NULL);
    ck_assert_ptr_null(source_name(claim_with_low(d, 450e6)));
    ck_assert_ptr_null(source_name(claim_with_low(d, 5)));
    ck_assert_ptr_null(source_name(claim_with_low(d, 31)));
    json_decref(d);
    /* "He" after a sentence that quotes a person is that person, even when
     * another is named after him. */
    d = extract("Mark Dale told reporters Anna Ford had changed her mind. He said: \"We saw 40 reversals.\"", NULL);
    ck_assert_str_eq(source_name(claim_with_low(d, 40)), "Mark Dale");
    json_decref(d);
    /* A name before a document's noun is its author; a cue inside a
     * quotation is the speaker's words. */
    d = extract("About 57% of buyers are women, according to Forrester research. \"Users made up 40% of the "
                "audience and we expect more,\" said Jane Roe.", NULL);
    ck_assert_str_eq(source_name(claim_with_low(d, 57)), "Forrester");
    ck_assert_str_eq(source_name(claim_with_low(d, 40)), "Jane Roe");
    json_decref(d);
    /* The cues of a sentence with no figure are read only when a later
     * one points back: "they" is the source named last, in a sentence with
     * a figure after one without; "she" the person named sentences
     * before. */
    d = extract("Analysts at Barclays said the market was calm. Shell said 40 wells were closed. The weather "
                "was mild. They said 25 rigs had stopped.", NULL);
    ck_assert_str_eq(source_name(claim_with_low(d, 40)), "Shell");
    ck_assert_str_eq(source_name(claim_with_low(d, 25)), "Shell");
    json_decref(d);
    d = extract("Analysts at Barclays said the market was calm. The weather was mild. They said 25 rigs had "
                "stopped.", NULL);
    ck_assert_str_eq(source_name(claim_with_low(d, 25)), "Barclays");
    json_decref(d);
    d = extract("Maria Lopez told the board the plan was ready. The board met twice in March. She said 40 nurses "
                "were hired.", NULL);
    ck_assert_str_eq(source_name(claim_with_low(d, 40)), "Maria Lopez");
    json_decref(d);
    /* A bare "it" stands only for an organisation quoted before. */
    d = extract("Maria Lopez said the clinic was full. It revealed that 30 patients waited.", NULL);
    ck_assert_ptr_null(source_name(claim_with_low(d, 30)));
    json_decref(d);
}
END_TEST

/* The time-word filter reads a long token's length modulo 32: a word of
 * 34 bytes that starts like "in" passes it, and is still no "in" (the
 * figure keeps the day of publication). */
START_TEST(test_time_long_word)
{
    json_t *d = extract("Sales rose 5% in March. Costs rose 7% inaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa March.",
                        "2026-06-10");
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 5), "time"), "start"), "2026-03");
    ck_assert(json_is_null(json_object_get(json_object_get(claim_with_low(d, 7), "time"), "text")));
    json_decref(d);
}
END_TEST

START_TEST(test_time_years_and_quarters)
{
    /* Quarters, "by YEAR", a possessive year, "a year earlier" after a
     * figure; a comparison's "previous year" leaves the figure's own time. */
    json_t *d = extract("Profits rose to $50m in the fourth quarter of 2024, against $40m a year earlier. "
                        "Sales will reach 2 million cars by 2030. The bank lost $3bn, more than 2019's $2bn loss. "
                        "Output rose 7% more in 2021 than the previous year. Fourth-quarter 2023 revenue rose 8%.",
                        NULL);
    json_t *tm = json_object_get(claim_with_low(d, 50e6), "time");
    ck_assert_str_eq(str(tm, "start"), "2024-10");
    ck_assert_str_eq(str(tm, "end"), "2024-12");
    tm = json_object_get(claim_with_low(d, 40e6), "time");
    ck_assert_str_eq(str(tm, "start"), "2023-10");
    ck_assert_str_eq(str(tm, "text"), "a year earlier");
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 2e6), "time"), "start"), "2030");
    ck_assert(json_is_null(json_object_get(claim_with_low(d, 3e9), "time")));
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 2e9), "time"), "start"), "2019");
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 7), "time"), "start"), "2021");
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 8), "time"), "end"), "2023-12");
    json_decref(d);
    /* A date after "than" is the base of a comparison; "the last three
     * months of 2021" is in 2021; "of" alone dates nothing. */
    d = extract("Rents stand 35% higher than at the beginning of 2020. Earnings were $5m in the last three months "
                "of 2021. After a slump at the back-end of 2019, orders rose 3% in January.", NULL);
    ck_assert(json_is_null(json_object_get(claim_with_low(d, 35), "time")));
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 5e6), "time"), "start"), "2021");
    ck_assert(json_is_null(json_object_get(claim_with_low(d, 3), "time")));
    json_decref(d);
    /* A month alone after "in" is in the publication's year (or the year
     * before); without a publication date, nothing. */
    d = extract("Prices rose 0.8% in January and 0.5% in November.", "2026-03-10");
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 0.8), "time"), "start"), "2026-01");
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 0.5), "time"), "start"), "2025-11");
    json_decref(d);
    d = extract("After falls at the end of 2024, prices rose 0.8% in January.", NULL);
    ck_assert(json_is_null(json_object_get(claim_with_low(d, 0.8), "time")));
    json_decref(d);
    /* "currently" is the day of writing, never a year further away. */
    d = extract("The share is currently at 62%, and will rise to 85% by 2030.", NULL);
    ck_assert(json_is_null(json_object_get(claim_with_low(d, 62), "time")));
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 85), "time"), "start"), "2030");
    json_decref(d);
    d = extract("The share is currently at 62%.", "2026-02-01");
    ck_assert_str_eq(str(json_object_get(claim_with_low(d, 62), "time"), "text"), "currently");
    json_decref(d);
    /* A limit ahead or a birth is not the day of writing: no date is
     * inferred from them. */
    d = extract("The regulator moved the deadline until 15 July 2030. The founder, born in March 1950, "
                "sold 40 shops.", NULL);
    ck_assert(json_is_null(json_object_get(d, "date")));
    json_decref(d);
    d = extract("On 3 March 2027 the firm sold 40 shops.", NULL);
    ck_assert_str_eq(str(d, "date"), "2027-03-03");
    json_decref(d);
}
END_TEST

/* The forms of a stated date, around the number window in which
 * nci_dates_find() looks a word up as a month: a day two tokens before
 * ("8 de enero"), a day after an abbreviation's dot ("Jan. 4"), a year two
 * tokens after ("enero de 2026", also after a long stretch with no number,
 * which is passed over); month names in capitals and longer than eight
 * bytes; a month with no number near it (the year three tokens after
 * it) is no date. */
START_TEST(test_date_forms)
{
    static const struct {
        const char *text, *date;
    } CASES[] = {
        {"Shares fell 5% on Jan. 4, 2025.", "2025-01-04"},
        {"El 8 de enero de 2026 el banco vendi\xC3\xB3 40 tiendas.", "2026-01-08"},
        {"The firm sold 40 shops on SEPTEMBER 30, 2026.", "2026-09-30"},
        {"In February the firm hired 30 staff, and by 4 February 2027 it had 70.", "2027-02-04"},
        {"Sales rose 3% in enero de 2026, the bank said.", "2026-01"},
        {"The firm, long quiet and with no news at all, closed in enero de 2026.", "2026-01"},
        {"The firm sold 40 shops in May. It was 2026 when it grew.", NULL},
        {"The firm opened in January and in 2026 sold 40 shops.", NULL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        json_t *d = extract(CASES[i].text, NULL);
        if (CASES[i].date)
            ck_assert_str_eq(str(d, "date"), CASES[i].date);
        else
            ck_assert(json_is_null(json_object_get(d, "date")));
        json_decref(d);
    }
}
END_TEST

/* A figure in a quotation takes the speaker of the quoting sentence, and a
 * cue verb after a closing quote is an attribution, however many marks
 * stand before it (the claim stage keeps up to 64 per sentence and reads
 * the text again beyond that). */
START_TEST(test_quotes_many_marks)
{
    for (int words = 0; words <= 40; words += 20) {
        char text[1024];
        size_t n = (size_t)snprintf(text, sizeof text, "\"We lost 45 children");
        for (int i = 0; i < words; i++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s \"w%d\"", i ? "" : " and", i);
        snprintf(text + n, sizeof text - n, ",\" said Tom Daldry. \"The storm shut 30 schools.\"");
        json_t *d = extract(text, NULL);
        for (int c = 0; c < 2; c++) {
            json_t *src = json_object_get(claim_with_low(d, c ? 30 : 45), "source");
            ck_assert_msg(json_is_object(src), "no source with %d quoted words", words);
            ck_assert_str_eq(str(src, "name"), "Tom Daldry");
            ck_assert_str_eq(str(src, "cue"), "said");
        }
        json_decref(d);
    }
}
END_TEST

START_TEST(test_signed_post)
{
    /* An embedded post signed on the next line: "— Name (@handle) date". */
    json_t *d = extract("We have freed 25 prisoners today.\n\xE2\x80\x94 Maria Lopez (@mlopez) March 3, 2026\n"
                        "Rights groups have pointed out that 300 detainees remain.", "2026-03-03");
    json_t *src = json_object_get(claim_with_low(d, 25), "source");
    ck_assert_ptr_nonnull(src);
    ck_assert_str_eq(str(src, "name"), "Maria Lopez");
    src = json_object_get(claim_with_low(d, 300), "source");
    ck_assert_str_eq(str(src, "cue"), "pointed out");
    json_decref(d);
}
END_TEST

START_TEST(test_time_resolution)
{
    /* 2026-01-09 is a Friday: "on Thursday" is the 8th. */
    json_t *d = extract("On Thursday five Spaniards were freed. As of January 5, 806 prisoners were held. "
                        "In 2020, 110 pardons were granted. Yesterday 7 detainees left. Now 711 prisoners remain.",
                        "2026-01-09");
    json_t *tm = json_object_get(claim_with_low(d, 5), "time");
    ck_assert_str_eq(str(tm, "start"), "2026-01-08");
    tm = json_object_get(claim_with_low(d, 806), "time");
    ck_assert_str_eq(str(tm, "start"), "2026-01-05");
    ck_assert_str_eq(str(tm, "text"), "As of January 5");
    tm = json_object_get(claim_with_low(d, 110), "time");
    ck_assert_str_eq(str(tm, "start"), "2020");
    tm = json_object_get(claim_with_low(d, 7), "time");
    ck_assert_str_eq(str(tm, "start"), "2026-01-08");
    tm = json_object_get(claim_with_low(d, 711), "time");
    ck_assert_str_eq(str(tm, "start"), "2026-01-09"); /* publication date */
    ck_assert(json_is_null(json_object_get(tm, "text")));
    json_decref(d);
    /* A decade is a window of years. */
    d = extract("In the 1990s, 40 factories closed.", "2026-01-09");
    tm = json_object_get(claim_with_low(d, 40), "time");
    ck_assert_str_eq(str(tm, "start"), "1990");
    ck_assert_str_eq(str(tm, "end"), "1999");
    json_decref(d);
    /* No publication date and nothing in the sentence: null. */
    d = extract("Now 711 prisoners remain.", NULL);
    ck_assert(json_is_null(json_object_get(claim_with_low(d, 711), "time")));
    json_decref(d);
}
END_TEST

START_TEST(test_furniture_not_claims)
{
    json_t *d = extract("3 min read\n4 hours ago\nThe flood displaced 4,000 people.", "2026-03-02");
    ck_assert_uint_eq(json_array_size(json_object_get(d, "claims")), 1);
    ck_assert_ptr_nonnull(claim_with_low(d, 4000));
    json_decref(d);
}
END_TEST

static size_t entity_mentions(json_t *d, const char *ty, const char *n);

START_TEST(test_demonyms)
{
    /* The adjective of a place the document names is not an entity. */
    json_t *d = extract("Venezuela released prisoners. The Venezuelan opposition welcomed it.", NULL);
    json_t *ents = json_object_get(d, "entities"), *e;
    size_t i;
    int venezuela = 0;
    json_array_foreach(ents, i, e) {
        ck_assert_str_ne(str(e, "name"), "Venezuelan");
        venezuela |= !strcmp(str(e, "name"), "Venezuela");
    }
    ck_assert(venezuela);
    json_decref(d);
    /* An organisation named with the adjective keeps it. */
    d = extract("Canada sent troops, the Canadian Press reported on Monday. The Canadian Press said more would follow.", NULL);
    ents = json_object_get(d, "entities");
    int cp = 0;
    json_array_foreach(ents, i, e) {
        ck_assert_str_ne(str(e, "name"), "Press");
        cp |= !strcmp(str(e, "name"), "Canadian Press");
    }
    ck_assert(cp);
    json_decref(d);
    /* A country's or a continent's adjective is no entity even where the
     * document names no such place, whatever type the tagger gives it
     * (ORG for "Jamaican" and "Brazilian" here); "-i" only after a whole
     * name (Iraq-i, not Dominic(a)-i). */
    d = extract("The Jamaican government is regaining control of its finances. Israeli troops "
                "entered the town on Monday. Analysts said European shares fell. Pakistani "
                "officials denied the report. The Brazilian government has plans to switch. "
                "Christophe Dominici says that they can still win, Dominici added.",
                NULL);
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        static const char *const ADJ[] = {"Jamaican", "Israeli", "European", "Pakistani",
                                          "Brazilian"};
        for (size_t k = 0; k < sizeof ADJ / sizeof *ADJ; k++)
            ck_assert_str_ne(str(e, "name"), ADJ[k]);
    }
    ck_assert_uint_eq(entity_mentions(d, "PERSON", "Christophe Dominici"), 2);
    json_decref(d);
    /* A language name is a nationality adjective, not a place (ICU's list). */
    d = extract("Welsh fans cheered as Italian officials arrived in Cardiff.", NULL);
    ents = json_object_get(d, "entities");
    json_array_foreach(ents, i, e) {
        ck_assert_str_ne(str(e, "name"), "Welsh");
        ck_assert_str_ne(str(e, "name"), "Italian");
    }
    json_decref(d);
}
END_TEST

START_TEST(test_entity_names_with_periods)
{
    /* A place that ends in "n" is not its own adjective: every "London"
     * stays a mention. */
    json_t *d = extract("Flights to London resumed on Monday. Officials in London said more would follow.", NULL);
    json_t *ents = json_object_get(d, "entities"), *e;
    size_t i;
    int london = 0;
    json_array_foreach(ents, i, e) {
        if (!strcmp(str(e, "name"), "London")) {
            london++;
            ck_assert_uint_eq(json_array_size(json_object_get(e, "mentions")), 2);
        }
    }
    ck_assert_int_eq(london, 1);
    json_decref(d);
    /* An initial or an abbreviation keeps its period inside the name, even
     * where the segmenter ends a sentence after it ("St. | Louis"). */
    d = extract("He moved to St. Louis in 1990 with William C. Cesaroni, a lawyer.", NULL);
    ents = json_object_get(d, "entities");
    int stl = 0, wcc = 0;
    json_array_foreach(ents, i, e) {
        ck_assert_str_ne(str(e, "name"), "St");
        ck_assert_str_ne(str(e, "name"), "William C");
        stl |= !strcmp(str(e, "name"), "St. Louis");
        wcc |= !strcmp(str(e, "name"), "William C. Cesaroni");
    }
    ck_assert(stl);
    ck_assert(wcc);
    json_decref(d);
    /* Titles are not part of a person's name (data/roles.tsv "title"). */
    d = extract("The opinion was written by Justice Antonin Scalia and Professor Jane Smith.", NULL);
    ents = json_object_get(d, "entities");
    json_array_foreach(ents, i, e) {
        if (strcmp(str(e, "type"), "PERSON"))
            continue;
        ck_assert(strncmp(str(e, "name"), "Justice", 7) != 0);
        ck_assert(strncmp(str(e, "name"), "Professor", 9) != 0);
    }
    json_decref(d);
}
END_TEST

START_TEST(test_entity_types_by_context)
{
    /* Either side of "v" is a team; a country's name stays a place. */
    json_t *d = extract("Fixtures: Everton v Plymouth, Cyprus v Israel, Burnley v Cardiff.", NULL);
    json_t *ents = json_object_get(d, "entities"), *e;
    size_t i;
    int seen = 0;
    json_array_foreach(ents, i, e) {
        const char *n = str(e, "name"), *ty = str(e, "type");
        if (!strcmp(n, "Plymouth") || !strcmp(n, "Burnley") || !strcmp(n, "Cardiff")) {
            ck_assert_str_eq(ty, "ORG");
            seen++;
        }
        if (!strcmp(n, "Cyprus") || !strcmp(n, "Israel")) {
            ck_assert_str_eq(ty, "LOC");
            seen++;
        }
    }
    ck_assert_int_ge(seen, 3);
    json_decref(d);
    /* A city's possessive before a name makes two names; "AT&T" keeps its
     * "AT" (not the sentence-initial word "At"). */
    d = extract("The festival takes place at London's Royal Festival Hall in May, organisers said. "
                "AT&T shares rose.", NULL);
    ents = json_object_get(d, "entities");
    int london = 0, sbc = 0, att = 0;
    json_array_foreach(ents, i, e) {
        const char *n = str(e, "name");
        ck_assert(strncmp(n, "London's", 8) != 0);
        london |= !strcmp(n, "London");
        sbc |= !strcmp(n, "Royal Festival Hall");
        att |= !strcmp(n, "AT&T");
    }
    ck_assert(london && sbc && att);
    json_decref(d);
    /* a company's legal form makes an organisation, at the end of the name
     * or right after it */
    d = extract("He worked for Ernst Weber GmbH in Munich. Eberhard Kessler GmbH was founded in "
                "1922.", NULL);
    ck_assert(has_entity(d, "Ernst Weber GmbH", "ORG"));
    ck_assert(has_entity(d, "Eberhard Kessler GmbH", "ORG"));
    json_decref(d);
    /* a station's number is part of its name; an initial and a surname
     * are a person */
    d = extract("She told BBC Radio 4 that prices rose. Replacements: T Hardwick, P Mendoza, "
                "R Ellery.", NULL);
    ck_assert(has_entity(d, "BBC Radio 4", "ORG"));
    ck_assert(has_entity(d, "P Mendoza", "PERSON") && has_entity(d, "R Ellery", "PERSON"));
    json_decref(d);
    /* in a sports report a town is its club, except as a venue */
    d = extract("Leicester beat Derby 2-1 on Saturday. The striker scored twice before half-time, "
                "and the goalkeeper saved a penalty. The referee sent off a defender. Derby play in "
                "Cardiff next week.", NULL);
    ck_assert(has_entity(d, "Leicester", "ORG") && has_entity(d, "Cardiff", "LOC"));
    json_decref(d);
    /* three words of team sports make a report ("midfielder", "club",
     * "squad", ...): its towns are clubs, but not as a noun's qualifier
     * after an article ("a London hotel") */
    d = extract("The midfielder has joined Portsmouth on loan. He scored twice against Norwich last "
                "season and the club hopes he can help the squad avoid relegation. He stayed at a "
                "London hotel before the match.", NULL);
    ck_assert(has_entity(d, "Portsmouth", "ORG") && has_entity(d, "Norwich", "ORG"));
    ck_assert(has_entity(d, "London", "LOC"));
    json_decref(d);
    /* "team" makes a club only in a sports report */
    d = extract("The New York team reported their findings in a journal on Monday.", NULL);
    ck_assert(has_entity(d, "New York", "LOC"));
    json_decref(d);
    /* a name ending in an institution's word is an organisation */
    d = extract("The bill now goes to Parliament. Members of the Welsh Assembly voted against it, "
                "and so did Clare College.", NULL);
    ck_assert(has_entity(d, "Parliament", "ORG") && has_entity(d, "Welsh Assembly", "ORG"));
    ck_assert(has_entity(d, "Clare College", "ORG"));
    json_decref(d);
    /* a company's noun before a name makes it an organisation (in all its
     * mentions), not an adjective ("the giant US deficit") */
    d = extract("Shares in the drugs group Eli Lilly rose on Monday. Eli Lilly said sales were "
                "strong. Congress voted to cut the giant US deficit.", NULL);
    ck_assert(has_entity(d, "Eli Lilly", "ORG") && !has_entity(d, "Eli Lilly", "PERSON"));
    ck_assert(has_entity(d, "US", "LOC"));
    json_decref(d);
    /* a team's word types every mention of the name in the report */
    d = extract("Bolton signed the Roma defender on loan. The striker scored twice in the match, "
                "and the club said Roma had agreed. Roma will miss him.", NULL);
    ck_assert(has_entity(d, "Roma", "ORG") && !has_entity(d, "Roma", "PERSON"));
    json_decref(d);
    /* a work's title after "the film" or before "star" is no entity, in
     * all its mentions; a name before "frontman" is a band's */
    d = extract("Imelda Staunton won for the film Vera Drake. Vera Drake was made for little "
                "money. The Vera Drake star Imelda Staunton thanked the crew.", NULL);
    ck_assert(!has_entity(d, "Vera Drake", NULL) && has_entity(d, "Imelda Staunton", "PERSON"));
    json_decref(d);
    d = extract("Keane frontman Tom Chaplin said the band would tour. Keane sold a million "
                "records. Vince Vaughn stars in the comedy.", NULL);
    ck_assert(has_entity(d, "Keane", "ORG") && has_entity(d, "Vince Vaughn", "PERSON"));
    json_decref(d);
    /* an acronym in brackets that spells the name before it has its type */
    d = extract("The report of the International Labour Organisation (ILO) was published. The ILO "
                "said jobs grew.", NULL);
    ck_assert(has_entity(d, "International Labour Organisation", "ORG"));
    ck_assert(!has_entity(d, "ILO", "LOC") && !has_entity(d, "ILO", "PERSON"));
    json_decref(d);
    /* a company named with its 's keeps it; a possessive does not */
    d = extract("Sales at the fast food group McDonald's rose. McDonald's said profits grew, and "
                "Microsoft's shares fell. Microsoft said little.", NULL);
    ck_assert(has_entity(d, "McDonald's", "ORG") && has_entity(d, "Microsoft", "ORG"));
    ck_assert(!has_entity(d, "Microsoft's", NULL));
    json_decref(d);
    /* "US" before a body of its government is a place of its own */
    d = extract("The US Federal Reserve raised rates. Shares in US Airways fell.", NULL);
    ck_assert(has_entity(d, "Federal Reserve", "ORG") && has_entity(d, "US", "LOC"));
    ck_assert(!has_entity(d, "US Federal Reserve", NULL) && has_entity(d, "US Airways", "ORG"));
    json_decref(d);
    /* the acronym of a term spelled out in lower case is no name */
    d = extract("Shareholders will meet at an extraordinary general meeting (EGM) in May. The EGM "
                "was called by the board of Acme Foods Ltd.", NULL);
    ck_assert(!has_entity(d, "EGM", NULL) && has_entity(d, "Acme Foods Ltd", "ORG"));
    json_decref(d);
    /* a name before capitalised words that end in an event's word is in
     * the event's name */
    d = extract("Jones won the 60m at the Norwich Union Grand Prix in Birmingham.", NULL);
    ck_assert(!has_entity(d, "Norwich Union", NULL) && !has_entity(d, "Norwich", NULL));
    ck_assert(has_entity(d, "Birmingham", "LOC"));
    json_decref(d);
    /* a name ending in "Bank" is an organisation's, not a place's */
    d = extract("The European Central Bank kept rates on hold, and prices rose in the West Bank.",
                NULL);
    ck_assert(has_entity(d, "European Central Bank", "ORG") && has_entity(d, "West Bank", "LOC"));
    json_decref(d);
    /* a town in brackets after a player is the player's club */
    d = extract("Squad: forwards: J Hartley (Wasps), T Brennan (Northampton), P Kerr (Leicester).",
                NULL);
    ck_assert(has_entity(d, "Northampton", "ORG") && has_entity(d, "Leicester", "ORG"));
    json_decref(d);
    /* ... and not outside one */
    d = extract("Leicester council raised taxes on Saturday.", NULL);
    ck_assert(!has_entity(d, "Leicester", "ORG"));
    json_decref(d);
    /* nor is a lone word of a place's people from WordNet */
    d = extract("Most Britons voted. The Swiss said the Scottish plan was fine.", NULL);
    ck_assert(!has_entity(d, "Swiss", NULL) && !has_entity(d, "Britons", NULL));
    ck_assert(!has_entity(d, "Scottish", NULL));
    json_decref(d);
    /* a country's adjective is no place (its country need not be named) */
    d = extract("Rwandan troops crossed the border.", NULL);
    ck_assert(!has_entity(d, "Rwandan", NULL));
    json_decref(d);
    /* a lone name the tagger takes for a person, after "village of", is a
     * place */
    d = extract("The parish is formed by the village of Brinsworthy and a hamlet.", NULL);
    ck_assert(has_entity(d, "Brinsworthy", "LOC"));
    json_decref(d);
}
END_TEST

START_TEST(test_entities_linking)
{
    /* Dates and roles by rule; keys fold accents and case. */
    json_t *d = extract("The attorney general spoke on Friday. The Attorney General later left.", NULL);
    json_t *ents = json_object_get(d, "entities"), *e;
    size_t i;
    int roles = 0, dates = 0;
    json_array_foreach(ents, i, e) {
        if (!strcmp(str(e, "type"), "ROLE")) {
            roles++;
            ck_assert_str_eq(str(e, "key"), "attorney general");
            ck_assert_uint_eq(json_array_size(json_object_get(e, "mentions")), 2);
        }
        if (!strcmp(str(e, "type"), "DATE"))
            dates++;
    }
    ck_assert_int_eq(roles, 1);
    ck_assert_int_eq(dates, 1);
    json_decref(d);
}
END_TEST

/* How many mentions the entity of type ty named n has in document d. */
static size_t entity_mentions(json_t *d, const char *ty, const char *n)
{
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        if (!strcmp(str(e, "type"), ty) && !strcmp(str(e, "name"), n))
            return json_array_size(json_object_get(e, "mentions"));
    }
    return 0;
}

static size_t person_mentions(json_t *d, const char *n)
{
    return entity_mentions(d, "PERSON", n);
}

START_TEST(test_unintroduced_persons)
{
    /* A surname alone, never introduced, after no title and beside no other
     * person, is dropped (most such one-word "persons" are companies);
     * a title, a coordination with a person or an earlier full name keep
     * it. */
    static const struct {
        const char *text, *name;
        size_t mentions;
    } cases[] = {
        {"Mr Zembrowski said the shares would rise.", "Zembrowski", 1},
        {"The deal was approved on Monday. Zembrowski said the shares would rise, and analysts "
         "agreed.", "Zembrowski", 0},
        {"Kowalczyk and Zembrowski met in Warsaw on Monday, officials said.", "Zembrowski", 1},
        {"Zembrowski and Anna Kowalczyk met in Warsaw.", "Zembrowski", 1},
        {"Maria Lopez arrived late. Lopez said little.", "Maria Lopez", 2},
        /* titles are cut from names; "Don" is a given name, no title */
        {"The road was closed, Sheriff Don Walters said on Monday.", "Don Walters", 1},
        {"Baroness Jane Hollis spoke next.", "Jane Hollis", 1},
        /* a regnal numeral belongs to the name */
        {"Pope Leo XIV called for calm.", "Leo XIV", 1},
        /* a whole quotation is a title, no person */
        {"The band played \"Laura Mendez\" twice.", "Laura Mendez", 0},
        {"The band played for Laura Mendez twice.", "Laura Mendez", 1},
        /* a title of a work after its noun is no person */
        {"She starred in the film Rosa Martens, which opened last year.", "Rosa Martens", 0},
        {"Rosa Martens starred in the film, which opened last year.", "Rosa Martens", 1},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        json_t *d = extract(cases[c].text, NULL);
        ck_assert_msg(person_mentions(d, cases[c].name) == cases[c].mentions, "case %zu: %s", c,
                      cases[c].text);
        json_decref(d);
    }
}
END_TEST

/* Many lone surnames in one long document (about 300 KB): the rule that
 * drops never-introduced one-word names works on all of them at once in
 * O(M log M); a version that compared every mention with every other took
 * minutes here, so Check's timeout guards the bound. */
START_TEST(test_many_lone_names)
{
    static const char *const HEAD[] = {"Zembr", "Kowal", "Nowak", "Petr", "Dub", "Mor", "Fisch",
                                       "Hoffm"};
    static const char *const TAIL[] = {"owski", "czyk", "enko", "ovic", "ois", "eau", "er", "ann"};
    size_t cap = 320000, n = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (unsigned i = 0; n + 200 < cap; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s%s said the shares would rise, and %s%s agreed. ",
                              HEAD[i % 8], TAIL[(i / 8) % 8], HEAD[(i * 7 + 3) % 8],
                              TAIL[(i / 3) % 8]);
    json_t *d = extract(text, NULL);
    json_t *e;
    size_t i, lone = 0;
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        if (!strcmp(str(e, "type"), "PERSON") && !strchr(str(e, "name"), ' '))
            lone++;
    }
    /* names coordinated with no person, after no title, never introduced
     * (without the rule the tagger makes 26 of the 64 names PERSON) */
    ck_assert_uint_lt(lone, 10);
    json_decref(d);
    free(text);
}
END_TEST

/* A place's adjective is no entity, however many places the document
 * names: the adjectives are looked up by their stems among the document's
 * places (it once compared every token with every place). */
START_TEST(test_many_places_and_adjectives)
{
    static const char *const SYL[] = {"zor", "van", "kel", "mar", "tis", "bel",
                                      "dun", "ros", "gal", "pen", "lor", "sta"};
    size_t cap = 400000, n = 0, places = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (unsigned i = 0; n + 300 < cap; i += 2, places += 2) {
        char a[32], b[32];
        snprintf(a, sizeof a, "%s%s%s%sia", SYL[i % 12], SYL[(i / 12) % 12],
                 SYL[(i / 144) % 12], SYL[(i / 1728) % 12]);
        snprintf(b, sizeof b, "%s%s%s%sia", SYL[(i + 1) % 12], SYL[(i / 12) % 12],
                 SYL[(i / 144) % 12], SYL[(i / 1728) % 12]);
        a[0] = (char)(a[0] - 32);
        b[0] = (char)(b[0] - 32);
        /* without the rule the tagger makes the first adjective a place */
        n += (size_t)snprintf(text + n, cap - n,
                              "Officials in %s met officials in %s. The talks between %sn and %sn "
                              "leaders ended. ",
                              a, b, a, b);
    }
    json_t *d = extract(text, NULL);
    json_t *e;
    size_t i, loc = 0, adj = 0;
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        const char *nm = str(e, "name");
        size_t l = strlen(nm);
        if (!strcmp(str(e, "type"), "LOC"))
            loc++;
        if (strcmp(str(e, "type"), "ROLE") && l > 3 && !strcmp(nm + l - 3, "ian"))
            adj++;
    }
    ck_assert_uint_gt(loc, places / 2);
    ck_assert_uint_eq(adj, 0);
    json_decref(d);
    free(text);
}
END_TEST

/* Linking in one long document (about 1 MB, 60,000 mentions): a surname
 * alone joins the nearest full name with that word before it (the first
 * sentence's, each time across 20,000 other names) or else after it (the
 * last sentence's), and an acronym the organisation whose initials it
 * spells.  Both are lookups in hash tables; a version that walked back over
 * the earlier mentions for each surname took seconds here, so Check's
 * timeout guards the bound. */
START_TEST(test_many_linked_names)
{
    static const char *const SYL[] = {"zor", "van", "kel", "mar", "tis", "bel", "dun", "ros"};
    size_t cap = 1200000, n = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    n += (size_t)snprintf(text, cap, "Peter Kelmar Zorvan said the plan would work. ");
    for (unsigned i = 0; i < 512; i++)
        n += (size_t)snprintf(text + n, cap - n, "The %s%s%s Bank said profits rose. ", SYL[i % 8],
                              SYL[i / 8 % 8], SYL[i / 64 % 8]);
    n += (size_t)snprintf(text + n, cap - n, "The Royal Bank of Scotland said profits rose. ");
    for (int i = 0; i < 1000; i++)
        n += (size_t)snprintf(text + n, cap - n, "Analysts at RBS said the deal was off. ");
    for (int i = 0; i < 20000; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s told Maria Tisbel and Anna Galpen it would%s. ",
                              i < 10000 ? "Zorvan" : "Dunros", i < 10000 ? "" : " not");
    n += (size_t)snprintf(text + n, cap - n, "John Dunros agreed.");
    ck_assert_uint_lt(n, cap - 1);
    json_t *d = extract(text, NULL);
    ck_assert_uint_eq(entity_mentions(d, "PERSON", "Peter Kelmar Zorvan"), 10001);
    ck_assert_uint_eq(entity_mentions(d, "PERSON", "John Dunros"), 10001);
    ck_assert_uint_eq(entity_mentions(d, "ORG", "Royal Bank of Scotland"), 1001);
    json_decref(d);
    free(text);
}
END_TEST

/* Acronyms join the names they spell, organisations' and places', after
 * the name or before it, with periods or without ("U.S.", "US" and "the
 * United States": one place). */
START_TEST(test_acronyms_both_ways)
{
    json_t *d = extract("Talks between the U.S. and the EU went on. The United States said the "
                        "European Union would wait. Officials in the US agreed. NATO met in "
                        "Brussels. The North Atlantic Treaty Organization said more troops were "
                        "needed.",
                        NULL);
    ck_assert_uint_eq(entity_mentions(d, "LOC", "United States"), 3);
    ck_assert_uint_eq(entity_mentions(d, "LOC", "US") + entity_mentions(d, "LOC", "U.S."), 0);
    ck_assert_uint_eq(entity_mentions(d, "ORG", "North Atlantic Treaty Organization"), 2);
    ck_assert_uint_eq(entity_mentions(d, "ORG", "NATO"), 0);
    json_t *e;
    size_t i;
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        if (!strcmp(str(e, "name"), "United States"))
            ck_assert_str_eq(str(e, "key"), "united states");
    }
    json_decref(d);
}
END_TEST

/* A name after a kinship noun of someone's is a person, where the tagger
 * alone makes it a place ("Flores" is a town); not after "its". */
START_TEST(test_kin_names_are_persons)
{
    json_t *d = extract("Troops captured Nicolas Maduro and his wife, Cilia Flores, on Saturday.",
                        NULL);
    ck_assert_uint_eq(entity_mentions(d, "PERSON", "Cilia Flores"), 1);
    json_decref(d);
    d = extract("Air France and its sister, KLM, cut fares.", NULL);
    ck_assert_uint_eq(entity_mentions(d, "PERSON", "KLM"), 0);
    json_decref(d);
}
END_TEST

/* One place named 40,000 times (1 MB): the table of places whose
 * adjectives are looked for holds each name once (every mention went in,
 * all on one probe chain: 9 s here, so Check's timeout guards it). */
START_TEST(test_one_place_many_times)
{
    size_t n = 40000, cap = 27 * n + 1, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "People in London said so. ");
    json_t *d = extract(text, NULL);
    ck_assert_uint_eq(entity_mentions(d, "LOC", "London"), n);
    json_decref(d);
    free(text);
}
END_TEST

/* One name, one type in a document: the type most of its mentions have
 * (the tagger alone types these five "Chelsea" two ways). */
START_TEST(test_one_type_per_name)
{
    json_t *d = extract("Chelsea beat Arsenal on Saturday. Chelsea manager Jose Mourinho was "
                        "pleased. Fans in Chelsea celebrated. Chelsea said the club would appeal. "
                        "Reading beat Chelsea.",
                        NULL);
    json_t *e;
    size_t i;
    int entities = 0, mentions = 0;
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        if (strcmp(str(e, "name"), "Chelsea"))
            continue;
        entities++;
        mentions += (int)json_array_size(json_object_get(e, "mentions"));
    }
    ck_assert_int_eq(entities, 1);
    ck_assert_int_eq(mentions, 5);
    json_decref(d);
}
END_TEST

START_TEST(test_events_not_entities)
{
    /* Competitions are no organisations or places; "United Nations" is; a
     * leading "A" is no part of a name. */
    json_t *d = extract("Arsenal lost in the FA Cup final to Chelsea. The Davis Cup tie starts on "
                        "Friday. The film won three Academy Awards last year. The United Nations "
                        "said so. A Labour Party source said the plan was dead.",
                        NULL);
    json_t *e;
    size_t i;
    int un = 0, ft = 0;
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        const char *n = str(e, "name"), *ty = str(e, "type");
        if (strcmp(ty, "PERSON") && strcmp(ty, "ORG") && strcmp(ty, "LOC"))
            continue;
        ck_assert_msg(!strstr(n, "Cup") && !strstr(n, "Awards"),
                      "event %s typed %s", n, ty);
        ck_assert(strncmp(n, "A ", 2) != 0);
        un |= !strcmp(n, "United Nations");
        ft |= !strcmp(n, "Labour Party");
    }
    ck_assert(un && ft);
    json_decref(d);
    /* a name inside an event's or a law's name is none (the tagger makes
     * "New York Marathon" an ORG and "Dubai" a place); "Bill" before a
     * surname is a person's name */
    d = extract("Radcliffe won the New York Marathon last year. MPs debated the Police Bill on "
                "Monday. Microsoft Bill Gates said the firm would grow. She won at the Dubai "
                "Open in March. With the Treaty of Amsterdam seven years ago, we changed.",
                NULL);
    json_array_foreach(json_object_get(d, "entities"), i, e) {
        const char *n = str(e, "name");
        ck_assert_msg(!strstr(n, "Marathon") && strcmp(n, "Dubai") && strcmp(n, "Police") &&
                          strcmp(n, "Amsterdam"),
                      "%s typed %s", n, str(e, "type"));
    }
    ck_assert_uint_eq(entity_mentions(d, "PERSON", "Bill Gates"), 1);
    json_decref(d);
}
END_TEST

/* Where the entity rules must not fire (found in review): a numeral that
 * starts another name, "single" as an adjective, a company named "... Games",
 * a few sport-like words in a politics text, a compass initial before a
 * country. */
START_TEST(test_entity_rule_limits)
{
    static const struct {
        const char *text, *name, *type; /* type NULL: no such entity */
    } cases[] = {
        {"Phil Mickelson LIV Golf deal was big, reports said.", "Phil Mickelson LIV", NULL},
        {"Not a single Labour councillor voted for the plan.", "Labour", "ORG"},
        {"Riot Games reported profits on Monday.", "Riot Games", "ORG"},
        {"The minister tries to meet goals. He tries again. The goals were set. The death "
         "penalty was debated in Paris and Berlin.", "Paris", "LOC"},
        {"Trade with N Ireland grew last year.", "N Ireland", "!PERSON"},
        /* the brackets of a term's acronym are found by a byte search:
         * one in a later sentence, one before a "(" at the text's end */
        {"Talks with the IMF went on. The gross domestic product (GDP) fell (see page 3).", "GDP",
         NULL},
        {"Talks with the IMF went on. The gross domestic product (GDP) fell (see page 3).", "IMF",
         "ORG"},
        {"Officials said gross domestic product (GDP) fell, and so did the forecast (", "GDP", NULL},
        /* an abbreviation's period at the text's end */
        {"He met Mr. Jones of the IMF in St.", "Jones", "PERSON"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        json_t *d = extract(cases[c].text, NULL);
        const char *ty = cases[c].type;
        if (!ty || ty[0] == '!')
            ck_assert_msg(!has_entity(d, cases[c].name, ty ? ty + 1 : NULL), "case %zu: %s", c,
                          cases[c].name);
        else
            ck_assert_msg(has_entity(d, cases[c].name, ty), "case %zu: %s not %s", c,
                          cases[c].name, ty);
        json_decref(d);
    }
}
END_TEST

/* Inputs the fuzzer found: a mention of one punctuation token after "@"
 * made the trailing-punctuation loop read the token before the document
 * (caught by AddressSanitizer); a count too big for a long long was
 * converted to one to see whether it is whole (clang's
 * UndefinedBehaviorSanitizer in fuzz/fuzz_load; GCC's does not see it). */
START_TEST(test_fuzzer_finds)
{
    static const char *const texts[] = {"@*0v", "@{'text':'x'}", "@.", "@ .", "A@.", "@@@",
                                        "M\001\03444444444444444M\tM\tMM[MiN",
                                        "They counted 44444444444444444444.5 dollars"};
    for (size_t c = 0; c < sizeof texts / sizeof texts[0]; c++) {
        json_t *d = extract(texts[c], NULL);
        ck_assert_msg(json_is_array(json_object_get(d, "entities")), "case %zu", c);
        json_decref(d);
    }
}
END_TEST

/* Each claim carries its sentence's text, so a text with no sentence ends
 * once made output quadratic in its length (1,000 claims in one 30 KB
 * "sentence": 30 MB; 4,000 in 120 KB: 449 MB).  Sentences are cut at 512
 * tokens, which bounds it (2.5 MB here). */
START_TEST(test_claims_of_endless_sentence)
{
    size_t n = 1000, cap = 40 * n, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "and %zu prisoners were freed ", i % 90 + 10);
    nc_doc *d = NULL;
    ck_assert_int_eq(nc_doc_load_buffer(g_ctx, text, len, "endless", 0, &d, NULL), NC_OK);
    char *js = NULL;
    size_t jl = 0;
    ck_assert_int_eq(nc_doc_json(g_ctx, d, NC_JSON_DEFAULT, &js, &jl, NULL), NC_OK);
    size_t claims = 0;
    for (const char *p = js; (p = strstr(p, "\"measure_key\":")) != NULL; p++)
        claims++;
    ck_assert_uint_gt(claims, n / 2);
    ck_assert_uint_lt(jl, 10u << 20);
    nc_free(js);
    nc_doc_free(d);
    free(text);
}
END_TEST

static Suite *extract_suite(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("claims");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_claim_fields);
    tcase_add_test(tc, test_not_claims);
    tcase_add_test(tc, test_bounds_and_units);
    tcase_add_test(tc, test_measure_keys);
    tcase_add_test(tc, test_measure_before_and_links);
    tcase_add_test(tc, test_measure_shapes);
    tcase_add_test(tc, test_sources);
    tcase_add_test(tc, test_sources_anaphora);
    tcase_add_test(tc, test_time_years_and_quarters);
    tcase_add_test(tc, test_time_long_word);
    tcase_add_test(tc, test_time_resolution);
    tcase_add_test(tc, test_date_forms);
    tcase_add_test(tc, test_quotes_many_marks);
    tcase_add_test(tc, test_signed_post);
    tcase_add_test(tc, test_furniture_not_claims);
    suite_add_tcase(s, tc);
    tc = tcase_create("entities");
    tcase_add_checked_fixture(tc, ctx_setup, ctx_teardown);
    tcase_add_test(tc, test_entities_linking);
    tcase_add_test(tc, test_demonyms);
    tcase_add_test(tc, test_entity_names_with_periods);
    tcase_add_test(tc, test_entity_types_by_context);
    tcase_add_test(tc, test_unintroduced_persons);
    tcase_add_test(tc, test_events_not_entities);
    tcase_add_test(tc, test_many_lone_names);
    tcase_add_test(tc, test_many_places_and_adjectives);
    tcase_add_test(tc, test_many_linked_names);
    tcase_add_test(tc, test_one_type_per_name);
    tcase_add_test(tc, test_one_place_many_times);
    tcase_add_test(tc, test_acronyms_both_ways);
    tcase_add_test(tc, test_kin_names_are_persons);
    tcase_add_test(tc, test_entity_rule_limits);
    tcase_add_test(tc, test_fuzzer_finds);
    tcase_add_test(tc, test_claims_of_endless_sentence);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(extract_suite());
}
